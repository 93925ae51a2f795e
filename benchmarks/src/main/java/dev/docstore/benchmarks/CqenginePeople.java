package dev.docstore.benchmarks;

import com.googlecode.cqengine.ConcurrentIndexedCollection;
import com.googlecode.cqengine.IndexedCollection;
import com.googlecode.cqengine.attribute.SimpleAttribute;
import com.googlecode.cqengine.index.hash.HashIndex;
import com.googlecode.cqengine.index.navigable.NavigableIndex;
import com.googlecode.cqengine.query.QueryFactory;
import com.googlecode.cqengine.query.option.QueryOptions;
import com.googlecode.cqengine.resultset.ResultSet;
import java.util.TreeSet;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * CQEngine 3.6.0 as an anchor of {@link DocumentCacheQueryBenchmark}: the same document objects in a
 * {@link ConcurrentIndexedCollection} with a hash index on the city and a navigable index on the age, its attributes
 * reading the documents' fields (through {@link Shape}, as every engine of the run does). Setup checks the answers
 * against a scan.
 */
@State(Scope.Benchmark)
public class CqenginePeople {
    private Shape shape;
    private SimpleAttribute<Object, String> city;
    private SimpleAttribute<Object, Integer> age;
    private IndexedCollection<Object> documents;

    @Setup(Level.Trial)
    public void fill(DocumentCacheQueryBenchmark.Documents generated) {
        shape = generated.shape;
        city = new SimpleAttribute<>(Object.class, String.class, "city") {
            @Override
            public String getValue(Object document, QueryOptions options) {
                return shape.city(document);
            }
        };
        age = new SimpleAttribute<>(Object.class, Integer.class, "age") {
            @Override
            public Integer getValue(Object document, QueryOptions options) {
                return shape.age(document);
            }
        };
        documents = new ConcurrentIndexedCollection<>();
        documents.addIndex(HashIndex.onAttribute(city));
        documents.addIndex(NavigableIndex.onAttribute(age));
        for (Object document : generated.stored) {
            documents.add(document);
        }
        new DocumentCacheQueryBenchmark.Checks(generated.people) {
            @Override
            double exact(String value) {
                return CqenginePeople.this.exact(value);
            }

            @Override
            double range(int low) {
                return CqenginePeople.this.range(low);
            }

            @Override
            TreeSet<Integer> exactIds(String value) {
                return ids(lookup(value));
            }

            @Override
            TreeSet<Integer> rangeIds(int low) {
                return ids(between(low));
            }
        }.run();
    }

    double exact(String value) {
        return sum(lookup(value));
    }

    double range(int low) {
        return sum(between(low));
    }

    private ResultSet<Object> lookup(String value) {
        return documents.retrieve(QueryFactory.equal(city, value));
    }

    private ResultSet<Object> between(int low) {
        return documents.retrieve(QueryFactory.between(age, low, true, low + People.HITS, false));
    }

    private double sum(ResultSet<Object> hits) {
        try (hits) {
            double sum = 0;
            for (Object hit : hits) {
                sum += shape.score(hit);
            }
            return sum;
        }
    }

    private TreeSet<Integer> ids(ResultSet<Object> hits) {
        try (hits) {
            TreeSet<Integer> ids = new TreeSet<>();
            hits.forEach(hit -> ids.add(shape.id(hit)));
            return ids;
        }
    }
}
