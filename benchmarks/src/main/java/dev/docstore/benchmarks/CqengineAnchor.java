package dev.docstore.benchmarks;

import com.googlecode.cqengine.ConcurrentIndexedCollection;
import com.googlecode.cqengine.IndexedCollection;
import com.googlecode.cqengine.attribute.SimpleAttribute;
import com.googlecode.cqengine.index.hash.HashIndex;
import com.googlecode.cqengine.index.navigable.NavigableIndex;
import com.googlecode.cqengine.query.QueryFactory;
import com.googlecode.cqengine.query.option.QueryOptions;
import com.googlecode.cqengine.resultset.ResultSet;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * CQEngine 3.6.0 as an anchor of {@link IndexQueryBenchmark}: the documents as plain objects (CQEngine's usual shape)
 * in a {@link ConcurrentIndexedCollection} with a hash index on the town, a navigable index on the age and a hash
 * index on the city (CQEngine's compound index answers only a full tuple, so the city index is its best plan for the
 * composite prefix). Setup checks the answers against a scan.
 */
@State(Scope.Benchmark)
public class CqengineAnchor {
    /** One document as CQEngine indexes it. */
    record Person(int id, int age, String city, int score, String town, List<?> tags) {
    }

    static final SimpleAttribute<Person, String> TOWN = new SimpleAttribute<>(Person.class, String.class, "town") {
        @Override
        public String getValue(Person person, QueryOptions options) {
            return person.town();
        }
    };
    static final SimpleAttribute<Person, Integer> AGE = new SimpleAttribute<>(Person.class, Integer.class, "age") {
        @Override
        public Integer getValue(Person person, QueryOptions options) {
            return person.age();
        }
    };
    static final SimpleAttribute<Person, String> CITY = new SimpleAttribute<>(Person.class, String.class, "city") {
        @Override
        public String getValue(Person person, QueryOptions options) {
            return person.city();
        }
    };

    IndexedCollection<Person> people;
    int countWidth;

    @Setup(Level.Trial)
    public void fill(IndexQueryBenchmark.Documents documents) {
        Dataset dataset = documents.dataset;
        countWidth = dataset.countWidth();
        people = new ConcurrentIndexedCollection<>();
        people.addIndex(HashIndex.onAttribute(TOWN));
        people.addIndex(NavigableIndex.onAttribute(AGE));
        people.addIndex(HashIndex.onAttribute(CITY));
        for (Map<String, Object> document : dataset.documents) {
            people.add(new Person((Integer) document.get("id"), (Integer) document.get("age"),
                    (String) document.get("city"), (Integer) document.get("score"),
                    (String) ((Map<?, ?>) document.get("address")).get("city"), (List<?>) document.get("tags")));
        }
        new IndexQueryBenchmark.Checks(dataset) {
            @Override
            long exact(String town) {
                return CqengineAnchor.this.exact(town);
            }

            @Override
            long range(int low) {
                return CqengineAnchor.this.range(low);
            }

            @Override
            long prefix(String city) {
                return CqengineAnchor.this.prefix(city);
            }

            @Override
            long count(int low) {
                return CqengineAnchor.this.count(low);
            }
        }.run();
    }

    long exact(String town) {
        return sum(people.retrieve(QueryFactory.equal(TOWN, town)));
    }

    long range(int low) {
        return sum(people.retrieve(QueryFactory.between(AGE, low, true, low + Dataset.HITS, false)));
    }

    long prefix(String city) {
        return sum(people.retrieve(QueryFactory.equal(CITY, city)));
    }

    long count(int low) {
        try (ResultSet<Person> hits = people.retrieve(QueryFactory.between(AGE, low, true, low + countWidth, false))) {
            return hits.size();
        }
    }

    private static long sum(ResultSet<Person> hits) {
        try (hits) {
            long sum = 0;
            for (Person person : hits) {
                sum += person.score();
            }
            return sum;
        }
    }
}
