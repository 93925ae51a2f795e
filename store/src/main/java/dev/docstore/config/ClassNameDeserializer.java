package dev.docstore.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;

/**
 * Reads a class name and resolves it with the class loader the reader was given as the attribute
 * {@code ClassLoader.class} (the cache manager's), so a wrong name fails while the file is read, at its line.
 */
final class ClassNameDeserializer extends StdDeserializer<Class<?>> {
    private static final long serialVersionUID = 1L;

    ClassNameDeserializer() {
        super(Class.class);
    }

    @Override
    public Class<?> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            return (Class<?>) context.handleUnexpectedToken(Class.class, parser);
        }
        String name = parser.getText().strip();
        ClassLoader loader = (ClassLoader) context.getAttribute(ClassLoader.class);
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw context.weirdStringException(name, Class.class, "no such class with the cache manager's class loader");
        }
    }
}
