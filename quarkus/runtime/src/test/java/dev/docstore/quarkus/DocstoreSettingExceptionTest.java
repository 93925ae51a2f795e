package dev.docstore.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DocstoreSettingExceptionTest {
    @Test
    void theMessageStartsWithThePropertyWhichIsAlsoAvailableAlone() {
        IllegalStateException cause = new IllegalStateException("underlying");
        DocstoreSettingException failure = new DocstoreSettingException("quarkus.docstore.config-file",
                "'x' names no file", cause);

        assertThat(failure.property()).isEqualTo("quarkus.docstore.config-file");
        assertThat(failure).hasMessage("quarkus.docstore.config-file: 'x' names no file").hasCause(cause)
                .isInstanceOf(IllegalArgumentException.class);
    }
}
