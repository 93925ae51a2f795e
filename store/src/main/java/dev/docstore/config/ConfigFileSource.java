package dev.docstore.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.docstore.jcache.DocstoreConfiguration;
import dev.docstore.jcache.ManagerSettings;
import dev.docstore.jcache.ManagerSettingsSource;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a cache manager's configuration file when its URI names one: {@code classpath:path} (resolved with the
 * manager's class loader), {@code file:}, or {@code jar:} (nested jars too, as Spring's {@code Resource.getURI()}
 * returns them for a Boot fat jar). A path ending in {@code .json} is JSON; anything else is YAML. Other URIs name no
 * file: the manager starts empty, as the JCache spec describes.
 *
 * <p>Strict: unknown keys, duplicate keys, and values of the wrong type (no {@code "yes"} for {@code true}, no number
 * for a name) fail, and so do unknown classes, bad durations and duplicate indexes. Everything is read and checked
 * before the manager creates a cache. Stateless and thread-safe (Jackson's readers are).
 */
public final class ConfigFileSource implements ManagerSettingsSource {
    private static final Set<String> FILE_SCHEMES = Set.of("classpath", "file", "jar");
    private static final ObjectReader YAML = reader(YAMLMapper.builder());
    private static final ObjectReader JSON = reader(JsonMapper.builder());

    /** Whether {@code uri} names a configuration file (its scheme is {@code classpath}, {@code file} or {@code jar}). */
    public static boolean namesFile(URI uri) {
        return uri.getScheme() != null && FILE_SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT));
    }

    @Override
    public ManagerSettings read(URI uri, ClassLoader classLoader) {
        if (!namesFile(uri)) {
            return ManagerSettings.NONE;
        }
        ConfigFile file = parse(uri, classLoader);
        Map<String, DocstoreConfiguration<?, ?>> caches = new LinkedHashMap<>();
        file.caches().forEach((name, settings) -> caches.put(name, settings.toConfiguration()));
        DocstoreConfiguration<?, ?> template =
                file.defaultTemplate() == null ? null : file.defaultTemplate().toConfiguration();
        return new ManagerSettings(caches, template);
    }

    /**
     * Reads and checks the file {@code uri} names.
     *
     * @throws ConfigurationException naming the file, line and key of the first problem
     */
    public static ConfigFile parse(URI uri, ClassLoader classLoader) {
        ObjectReader reader = (isJson(uri) ? JSON : YAML).withAttribute(ClassLoader.class, classLoader);
        try (InputStream in = open(uri, classLoader)) {
            ConfigFile file = reader.readValue(in);
            return file == null ? new ConfigFile(null, null) : file;
        } catch (JsonMappingException e) {
            String key = key(e);
            throw new ConfigurationException(uri, lineOfKey(uri, classLoader, reader, key, line(e)), key, problem(e),
                    e);
        } catch (JsonParseException e) {
            throw new ConfigurationException(uri, line(e.getLocation()), key(e.getProcessor()), e.getOriginalMessage(),
                    e);
        } catch (JsonProcessingException e) {
            throw new ConfigurationException(uri, line(e.getLocation()), "", e.getOriginalMessage(), e);
        } catch (FileNotFoundException e) {
            throw new ConfigurationException(uri, 0, "", "no such file", e);
        } catch (IOException e) {
            throw new ConfigurationException(uri, 0, "", "cannot read it: " + e, e);
        }
    }

    private static InputStream open(URI uri, ClassLoader classLoader) throws IOException {
        if (!"classpath".equalsIgnoreCase(uri.getScheme())) {
            return uri.toURL().openStream();
        }
        String path = uri.getSchemeSpecificPart();
        path = path.startsWith("/") ? path.substring(1) : path;
        URL resource = classLoader.getResource(path);
        if (resource == null) {
            throw new FileNotFoundException(path + " is not on the class path of " + classLoader);
        }
        return resource.openStream();
    }

    private static boolean isJson(URI uri) {
        String text = uri.toString();
        return text.toLowerCase(Locale.ROOT).endsWith(".json");
    }

    private static ObjectReader reader(com.fasterxml.jackson.databind.cfg.MapperBuilder<?, ?> builder) {
        ObjectMapper mapper = builder
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .build();
        // no "yes", "1" or 1 for true, no 5 for a name: every value has the type the reference file shows
        for (LogicalType type : new LogicalType[] {LogicalType.Boolean, LogicalType.Integer, LogicalType.Float,
                LogicalType.Textual, LogicalType.Enum, LogicalType.Collection, LogicalType.Map,
                LogicalType.POJO}) {
            for (CoercionInputShape shape : new CoercionInputShape[] {CoercionInputShape.String,
                    CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean,
                    CoercionInputShape.EmptyString}) {
                mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
            }
        }
        return mapper.readerFor(ConfigFile.class);
    }

    /** The line of the token being read when binding failed; {@link #lineOfKey} corrects it where it is late. */
    private static int line(JsonMappingException e) {
        return e.getProcessor() instanceof JsonParser parser ? line(parser.currentTokenLocation())
                : line(e.getLocation());
    }

    /**
     * The line where {@code key} is written in the file: the exact line, where the binding's location can be a line
     * late (a YAML parser reports the end of a block mapping on the line after its last key, and a value checked when
     * its object is complete is reported there). Reads the file again, only when it is wrong. For a key written twice,
     * the second time, which is the mistake. Falls back to {@code fallback} when the key is not in the file.
     */
    private static int lineOfKey(URI uri, ClassLoader classLoader, ObjectReader reader, String key, int fallback) {
        if (key.isEmpty()) {
            return fallback;
        }
        int found = 0;
        try (InputStream in = open(uri, classLoader); JsonParser parser = reader.getFactory().createParser(in)) {
            // the duplicate key being reported must not stop this search at its second occurrence
            parser.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME && key.equals(key(parser))) {
                    found = line(parser.currentTokenLocation());
                }
            }
        } catch (IOException unreadable) {
            // read once already; if it cannot be read again, the binding's own location will do
            return found > 0 ? found : fallback;
        }
        return found > 0 ? found : fallback;
    }

    private static int line(JsonLocation location) {
        return location == null ? 0 : location.getLineNr();
    }

    private static String key(JsonMappingException e) {
        StringBuilder key = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                key.append(key.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                key.append('[').append(reference.getIndex()).append(']');
            }
        }
        if (e.getCause() instanceof InvalidSettingException invalid) {
            key.append(key.length() == 0 ? "" : ".").append(invalid.key());
        }
        if (e.getCause() instanceof JsonParseException syntax) {
            // a duplicate key inside a map value: the parser knows the full path, the binding only the map's
            String parsed = key(syntax.getProcessor());
            return parsed.length() > key.length() ? parsed : key.toString();
        }
        return key.toString();
    }

    /** The path of the key a syntax error (a duplicate key, say) was found in, from the parser's context. */
    private static String key(Object processor) {
        if (!(processor instanceof JsonParser parser)) {
            return "";
        }
        JsonPointer pointer = parser.getParsingContext().pathAsPointer();
        StringBuilder key = new StringBuilder();
        for (JsonPointer segment = pointer; segment != null && !segment.matches(); segment = segment.tail()) {
            if (segment.mayMatchElement()) {
                key.append('[').append(segment.getMatchingIndex()).append(']');
            } else {
                key.append(key.length() == 0 ? "" : ".").append(segment.getMatchingProperty());
            }
        }
        return key.toString();
    }

    private static String problem(JsonMappingException e) {
        if (e.getCause() instanceof InvalidSettingException invalid) {
            return invalid.getMessage();
        }
        String message = e.getOriginalMessage();
        int detail = message.indexOf(" (class ");
        return detail > 0 ? message.substring(0, detail) : message;
    }
}
