package org.opence.common.secret;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;
import jakarta.enterprise.context.ApplicationScoped;

import org.opence.common.config.CeConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The service's {@link SecretBox}, and masking of secrets in anything shown to people (responses, audit, logs). */
@ApplicationScoped
public class Secrets {

    /** What a secret looks like when shown. */
    public static final String MASK = "********";

    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(password|secret|token|apikey|api_key|privatekey).*");

    private final CeConfig config;
    private volatile SecretBox box;

    public Secrets(CeConfig config) {
        this.config = config;
    }

    /** Created on first use, so services that store no secrets never need the key file. */
    public SecretBox box() {
        SecretBox b = box;
        if (b == null) {
            b = SecretBox.fromKeyFile(Path.of(config.security().masterKeyFile()));
            box = b;
        }
        return b;
    }

    /** Whether a field of this name holds a secret. */
    public static boolean isSecretName(String field) {
        return SECRET_NAME.matcher(field).matches();
    }

    /** A copy of the JSON with every secret-named field's value replaced by {@link #MASK}, at any depth. */
    public static JsonNode mask(JsonNode node) {
        if (node == null) {
            return null;
        }
        JsonNode copy = node.deepCopy();
        maskInPlace(copy);
        return copy;
    }

    private static void maskInPlace(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode value = field.getValue();
                // an empty string means "remove the secret": showing it as a mask would hide that
                boolean clearing = value.isTextual() && value.asText().isEmpty();
                if (isSecretName(field.getKey())
                        && value.isValueNode()
                        && !value.isNull()
                        && !value.isBoolean()
                        && !clearing) {
                    field.setValue(object.textNode(MASK));
                } else {
                    maskInPlace(field.getValue());
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(Secrets::maskInPlace);
        }
    }
}
