package dev.docstore.management;

import dev.docstore.index.IndexInfo;
import dev.docstore.transfer.ImportReport;
import dev.docstore.transfer.LineProblem;
import java.util.List;
import javax.management.openmbean.ArrayType;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import javax.management.openmbean.TabularData;
import javax.management.openmbean.TabularDataSupport;
import javax.management.openmbean.TabularType;

/** The open types of docstore's own MBeans, and the tables built from them. */
final class OpenTypes {
    private static final String[] INDEX_ITEMS = {"name", "paths", "unique", "ready", "entries", "distinctKeys",
        "estimatedBytes", "unindexable", "lookups", "rangeScans", "meanQueryMicros", "p99QueryMicros"};
    private static final String[] CACHE_ITEMS = {"name", "keyType", "valueType", "storeByValue", "readThrough",
        "writeThrough", "statisticsEnabled", "managementEnabled", "expiryPolicy", "documents", "indexes", "boundKind", "maximum"};

    static final CompositeType INDEX_ROW;
    static final TabularType INDEX_TABLE;
    static final CompositeType CACHE_ROW;
    static final TabularType CACHE_TABLE;
    private static final String[] EXPORT_ITEMS = {"id", "bytes", "documents"};
    private static final String[] PROBLEM_ITEMS = {"line", "message"};
    private static final String[] REPORT_ITEMS = {"imported", "expired", "skipped", "indexesCreated"};
    static final CompositeType EXPORT_STARTED;
    static final CompositeType LINE_PROBLEM;
    static final CompositeType IMPORT_REPORT;

    static {
        try {
            INDEX_ROW = new CompositeType("dev.docstore.Index", "an index and its figures", INDEX_ITEMS,
                    new String[] {"index name", "field paths", "unique", "complete and used by queries",
                        "entries held", "distinct tuples", "estimated heap bytes", "values skipped",
                        "exact lookups served", "other scans served", "mean query time (us)",
                        "99th percentile query time (us, within a factor of two)"},
                    new OpenType<?>[] {SimpleType.STRING, new ArrayType<String[]>(1, SimpleType.STRING),
                        SimpleType.BOOLEAN, SimpleType.BOOLEAN, SimpleType.LONG, SimpleType.LONG, SimpleType.LONG,
                        SimpleType.LONG, SimpleType.LONG, SimpleType.LONG, SimpleType.DOUBLE, SimpleType.DOUBLE});
            INDEX_TABLE = new TabularType("dev.docstore.Indexes", "the indexes of a cache", INDEX_ROW,
                    new String[] {"name"});
            CACHE_ROW = new CompositeType("dev.docstore.Cache", "a cache and its configuration", CACHE_ITEMS,
                    new String[] {"cache name", "key type", "value type", "store-by-value", "read-through",
                        "write-through", "statistics enabled", "management enabled", "expiry policy class",
                        "documents", "indexes", "bound: size, weight or none", "maximum size or weight (0: none)"},
                    new OpenType<?>[] {SimpleType.STRING, SimpleType.STRING, SimpleType.STRING, SimpleType.BOOLEAN,
                        SimpleType.BOOLEAN, SimpleType.BOOLEAN, SimpleType.BOOLEAN, SimpleType.BOOLEAN,
                        SimpleType.STRING, SimpleType.LONG, SimpleType.INTEGER, SimpleType.STRING, SimpleType.LONG});
            CACHE_TABLE = new TabularType("dev.docstore.Caches", "the caches of a manager", CACHE_ROW,
                    new String[] {"name"});
            EXPORT_STARTED = new CompositeType("dev.docstore.ExportStarted", "an export ready to be read in chunks",
                    EXPORT_ITEMS, new String[] {"the export's id for readExport and endExport", "its size in bytes",
                        "the documents in it"},
                    new OpenType<?>[] {SimpleType.STRING, SimpleType.LONG, SimpleType.LONG});
            LINE_PROBLEM = new CompositeType("dev.docstore.LineProblem", "a line of an import file left out",
                    PROBLEM_ITEMS, new String[] {"the line's number, from 1 (the header)", "what is wrong with it"},
                    new OpenType<?>[] {SimpleType.LONG, SimpleType.STRING});
            IMPORT_REPORT = new CompositeType("dev.docstore.ImportReport", "what an import did", REPORT_ITEMS,
                    new String[] {"documents stored", "documents left out because they had expired",
                        "lines left out, in skip-and-report mode", "indexes of the file's header created"},
                    new OpenType<?>[] {SimpleType.LONG, SimpleType.LONG, ArrayType.getArrayType(LINE_PROBLEM),
                        new ArrayType<String[]>(1, SimpleType.STRING)});
        } catch (OpenDataException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private OpenTypes() {
    }

    static TabularData indexTable(List<IndexInfo> indexes) {
        TabularDataSupport table = new TabularDataSupport(INDEX_TABLE);
        for (IndexInfo index : indexes) {
            table.put(row(INDEX_ROW, INDEX_ITEMS, new Object[] {index.name(), index.paths().toArray(new String[0]),
                index.unique(), index.ready(), index.entries(), index.distinctTuples(), index.estimatedBytes(),
                index.unindexable(), index.lookups(), index.rangeScans(), index.meanQueryNanos() / 1000.0,
                index.p99QueryNanos() / 1000.0}));
        }
        return table;
    }

    static CompositeData exportStarted(String id, long bytes, long documents) {
        return row(EXPORT_STARTED, EXPORT_ITEMS, new Object[] {id, bytes, documents});
    }

    static CompositeData importReport(ImportReport report) {
        CompositeData[] skipped = new CompositeData[report.skipped().size()];
        for (int i = 0; i < skipped.length; i++) {
            LineProblem problem = report.skipped().get(i);
            skipped[i] = row(LINE_PROBLEM, PROBLEM_ITEMS, new Object[] {problem.line(), problem.message()});
        }
        return row(IMPORT_REPORT, REPORT_ITEMS, new Object[] {report.imported(), report.expired(), skipped,
            report.indexesCreated().toArray(new String[0])});
    }

    static CompositeDataSupport row(CompositeType type, String[] items, Object[] values) {
        try {
            return new CompositeDataSupport(type, items, values);
        } catch (OpenDataException e) {
            throw new IllegalStateException("a row does not fit its open type " + type.getTypeName(), e);
        }
    }

    static String[] cacheItems() {
        return CACHE_ITEMS.clone();
    }
}
