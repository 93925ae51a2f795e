package dev.docstore.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;

/** The bound's settings in {@link DocstoreConfiguration}: each refused value with its message, copies and equality. */
class BoundConfigurationTest {
    private static final Weigher<String, String> BY_LENGTH = (key, value) -> value.length();

    @Test
    void aConfigurationIsUnboundedByDefault() {
        DocstoreConfiguration<String, String> configuration = new DocstoreConfiguration<>();
        assertThat(configuration.isBounded()).isFalse();
        assertThat(configuration.getMaximumSize()).isEmpty();
        assertThat(configuration.getMaximumWeight()).isEmpty();
        assertThat(configuration.getWeigher()).isNull();
    }

    @Test
    void aZeroOrNegativeMaximumSizeIsRefusedNamingTheSetting() {
        DocstoreConfiguration<String, String> configuration = new DocstoreConfiguration<>();
        assertThatIllegalArgumentException().isThrownBy(() -> configuration.setMaximumSize(0))
                .withMessage("maximumSize must be positive, was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> configuration.setMaximumSize(-5))
                .withMessage("maximumSize must be positive, was -5");
        assertThat(configuration.isBounded()).isFalse();
    }

    @Test
    void aZeroOrNegativeMaximumWeightIsRefusedNamingTheSetting() {
        DocstoreConfiguration<String, String> configuration = new DocstoreConfiguration<>();
        assertThatIllegalArgumentException().isThrownBy(() -> configuration.setMaximumWeight(0, BY_LENGTH))
                .withMessage("maximumWeight must be positive, was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> configuration.setMaximumWeight(-1, BY_LENGTH))
                .withMessage("maximumWeight must be positive, was -1");
    }

    @Test
    void aMaximumWeightWithoutAWeigherIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DocstoreConfiguration<String, String>().setMaximumWeight(10, null))
                .withMessage("maximumWeight needs a weigher, and the weigher given is null");
    }

    @Test
    void bothASizeAndAWeightAreRefusedWhicheverComesSecond() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DocstoreConfiguration<String, String>().setMaximumSize(10)
                        .setMaximumWeight(100, BY_LENGTH))
                .withMessageStartingWith("maximumWeight cannot be set: maximumSize is set already (10)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DocstoreConfiguration<String, String>().setMaximumWeight(100, BY_LENGTH)
                        .setMaximumSize(10))
                .withMessageStartingWith("maximumSize cannot be set: maximumWeight is set already (100)");
    }

    @Test
    void removeBoundLetsTheOtherBoundBeSet() {
        DocstoreConfiguration<String, String> configuration = new DocstoreConfiguration<String, String>()
                .setMaximumSize(10).removeBound().setMaximumWeight(100, BY_LENGTH);
        assertThat(configuration.getMaximumWeight()).hasValue(100);
        assertThat(configuration.getMaximumSize()).isEmpty();
        assertThat(configuration.getWeigher()).isSameAs(BY_LENGTH);
    }

    @Test
    void theCopyConstructorEqualsAndHashCodeCarryTheBound() {
        DocstoreConfiguration<String, String> bySize = new DocstoreConfiguration<String, String>().setMaximumSize(10);
        DocstoreConfiguration<String, String> byWeight = new DocstoreConfiguration<String, String>()
                .setMaximumWeight(100, BY_LENGTH);
        assertThat(new DocstoreConfiguration<>(bySize)).isEqualTo(bySize).hasSameHashCodeAs(bySize);
        assertThat(new DocstoreConfiguration<>(byWeight)).isEqualTo(byWeight).hasSameHashCodeAs(byWeight);
        assertThat(new DocstoreConfiguration<>(byWeight).getWeigher()).isSameAs(BY_LENGTH);
        assertThat(bySize).isNotEqualTo(new DocstoreConfiguration<String, String>().setMaximumSize(11));
        assertThat(bySize).isNotEqualTo(new DocstoreConfiguration<String, String>());
        assertThat(byWeight).isNotEqualTo(new DocstoreConfiguration<String, String>()
                .setMaximumWeight(100, (key, value) -> 1));
    }

    @Test
    void aTemplateGivesItsBoundToPlainConfigurations() {
        DocstoreConfiguration<Object, Object> template = new DocstoreConfiguration<>().setMaximumSize(7);
        assertThat(template.applyTo(new MutableConfiguration<String, String>()).getMaximumSize()).hasValue(7);
    }
}
