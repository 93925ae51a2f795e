package dev.docstore.benchmarks;

import dev.docstore.benchmarks.People.Person;
import dev.docstore.document.Documents;
import java.util.Map;

/**
 * How a document is stored: as the {@link Person} record itself (a plain object, which docstore reads through its
 * accessors), or as a frozen {@code Map} document with the same fields. Every engine of a run stores the same shape
 * and visits a hit through {@link #score}/{@link #id}; a JMH fork measures one shape, so these calls stay monomorphic
 * and inline to a field read (record) or a {@code Map.get} (document).
 */
public enum Shape {
    pojo {
        @Override
        Object of(Person person) {
            return person;
        }

        @Override
        double score(Object document) {
            return ((Person) document).score();
        }

        @Override
        int id(Object document) {
            return ((Person) document).id();
        }

        @Override
        int age(Object document) {
            return ((Person) document).age();
        }

        @Override
        String city(Object document) {
            return ((Person) document).city();
        }
    },
    map {
        @Override
        Object of(Person person) {
            return Documents.freeze(Map.of("id", person.id(), "age", person.age(), "city", person.city(),
                    "score", person.score()));
        }

        @Override
        double score(Object document) {
            return (Double) ((Map<?, ?>) document).get("score");
        }

        @Override
        int id(Object document) {
            return (Integer) ((Map<?, ?>) document).get("id");
        }

        @Override
        int age(Object document) {
            return (Integer) ((Map<?, ?>) document).get("age");
        }

        @Override
        String city(Object document) {
            return (String) ((Map<?, ?>) document).get("city");
        }
    };

    /** {@code person} in this shape. */
    abstract Object of(Person person);

    abstract double score(Object document);

    abstract int id(Object document);

    abstract int age(Object document);

    abstract String city(Object document);
}
