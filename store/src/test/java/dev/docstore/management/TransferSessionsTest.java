package dev.docstore.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The registry of a cache's transfers on its own: ids, kinds, the limit, idle sessions, closing, with fake time. */
class TransferSessionsTest {
    private final AtomicLong nanos = new AtomicLong();
    private final TransferSessions sessions = new TransferSessions(nanos::get);
    private final List<Fake> opened = new ArrayList<>();

    /** A session that only records whether it was closed. */
    private static final class Fake implements TransferSession {
        final String id;
        boolean closed;

        Fake(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public String kind() {
            return "export";
        }
    }

    private Fake open() {
        Fake fake = sessions.open(Fake::new);
        opened.add(fake);
        return fake;
    }

    @Test
    void idsAreRandomAndFindTheirSession() {
        Fake first = open();
        Fake second = open();
        assertThat(first.id()).hasSize(32).isNotEqualTo(second.id());
        assertThat(sessions.get(first.id(), Fake.class, "export")).isSameAs(first);
        assertThat(sessions.size()).isEqualTo(2);
    }

    @Test
    void anUnknownIdAndAWrongKindAreRefusedByName() {
        Fake fake = open();
        assertThatThrownBy(() -> sessions.get("nope", Fake.class, "export"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no export with id 'nope' is open on this cache");
        assertThatThrownBy(() -> sessions.get(null, Fake.class, "export"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id 'null'");
        assertThatThrownBy(() -> sessions.get(fake.id(), ImportSession.class, "import"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + fake.id() + "' is an export, not an import");
        assertThat(fake.closed).isFalse();
    }

    @Test
    void closingASessionRemovesItAndItsIdIsThenUnknown() {
        Fake fake = open();
        sessions.close(fake.id(), Fake.class, "export");
        assertThat(fake.closed).isTrue();
        assertThatThrownBy(() -> sessions.close(fake.id(), Fake.class, "export"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no export with id");
    }

    @Test
    void atMostMaxOpenAtOnceAndEndingOneMakesRoom() {
        for (int i = 0; i < TransferSessions.MAX_OPEN; i++) {
            open();
        }
        assertThatThrownBy(this::open).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(TransferSessions.MAX_OPEN + " transfers are open on this cache already");
        assertThat(sessions.size()).isEqualTo(TransferSessions.MAX_OPEN);
        sessions.close(opened.get(0).id(), Fake.class, "export");
        open();
        assertThat(sessions.size()).isEqualTo(TransferSessions.MAX_OPEN);
    }

    @Test
    void aSessionUntouchedForTheIdleTimeIsClosedWhenAnotherBegins() {
        Fake idle = open();
        Fake used = open();
        nanos.addAndGet(TransferSessions.IDLE.toNanos() - 1);
        sessions.get(used.id(), Fake.class, "export");
        nanos.addAndGet(1);
        open();
        assertThat(idle.closed).as("untouched for the idle time").isTrue();
        assertThat(used.closed).as("used a moment ago").isFalse();
        assertThatThrownBy(() -> sessions.get(idle.id(), Fake.class, "export"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFailedOpeningHoldsNoPlace() {
        for (int i = 0; i < TransferSessions.MAX_OPEN + 1; i++) {
            assertThatThrownBy(() -> sessions.open(id -> {
                throw new IllegalStateException("disk full");
            })).hasMessage("disk full");
        }
        assertThat(sessions.size()).isZero();
        open();
    }

    @Test
    void closeAllClosesEverySessionAndRefusesMore() {
        Fake first = open();
        Fake second = open();
        sessions.closeAll();
        assertThat(first.closed).isTrue();
        assertThat(second.closed).isTrue();
        assertThatThrownBy(this::open).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the cache is closed");
        assertThatThrownBy(() -> sessions.get(first.id(), Fake.class, "export"))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("the cache is closed");
    }

    @Test
    void aSessionOpenedWhileTheCacheClosesIsClosedAndRefused() {
        Fake[] made = new Fake[1];
        assertThatThrownBy(() -> sessions.open(id -> {
            sessions.closeAll();
            made[0] = new Fake(id);
            return made[0];
        })).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("the cache is closed");
        assertThat(made[0].closed).isTrue();
    }
}
