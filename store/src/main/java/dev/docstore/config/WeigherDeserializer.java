package dev.docstore.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;

/**
 * Reads the {@code weigher} key: the built-in weigher's name or a weigher class name ({@link WeigherSetting}),
 * resolved with the class loader the reader was given as the attribute {@code ClassLoader.class}, so a wrong value
 * fails while the file is read, at its line, with the accepted forms.
 */
final class WeigherDeserializer extends StdDeserializer<Class<?>> {
    private static final long serialVersionUID = 1L;

    WeigherDeserializer() {
        super(Class.class);
    }

    @Override
    public Class<?> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw JsonMappingException.from(parser, "expected a weigher, found " + parser.currentToken() + ": "
                    + WeigherSetting.ACCEPTED);
        }
        try {
            return WeigherSetting.resolve(parser.getText(), (ClassLoader) context.getAttribute(ClassLoader.class));
        } catch (IllegalArgumentException refused) {
            throw JsonMappingException.from(parser, refused.getMessage(), refused);
        }
    }
}
