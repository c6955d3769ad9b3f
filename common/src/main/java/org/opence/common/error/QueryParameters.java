package org.opence.common.error;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

/**
 * Numbers and booleans in query parameters: a value that is not one is a 400 naming the parameter
 * ({@code limit: must be a whole number, was 'abc'}), not the 404 that JAX-RS gives by default.
 */
@Provider
public class QueryParameters implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = null;
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                name = q.value();
            }
        }
        if (name == null) {
            return null;
        }
        String parameter = name;
        if (rawType == int.class || rawType == Integer.class) {
            return (ParamConverter<T>) converter(parameter, "a whole number", Integer::valueOf);
        }
        if (rawType == long.class || rawType == Long.class) {
            return (ParamConverter<T>) converter(parameter, "a whole number", Long::valueOf);
        }
        if (rawType == boolean.class || rawType == Boolean.class) {
            return (ParamConverter<T>) converter(parameter, "true or false", QueryParameters::bool);
        }
        return null;
    }

    private static Boolean bool(String value) {
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException(value);
    }

    private static <V> ParamConverter<V> converter(
            String parameter, String expected, java.util.function.Function<String, V> parse) {
        return new ParamConverter<>() {
            @Override
            public V fromString(String value) {
                try {
                    return parse.apply(value.trim());
                } catch (RuntimeException e) {
                    throw ProblemException.Invalid.field(
                            parameter, "must be " + expected + ", was '" + Problem.clip(value, 40) + "'");
                }
            }

            @Override
            public String toString(V value) {
                return String.valueOf(value);
            }
        };
    }
}
