package org.opence.tenant.user;

import java.util.ArrayList;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import org.opence.common.error.ProblemException;
import org.opence.tenant.TenantConfig;

/** What a password must contain; the message names everything that is missing at once. */
@ApplicationScoped
public class PasswordPolicy {

    private final int minLength;

    public PasswordPolicy(TenantConfig config) {
        this.minLength = config.passwords().minLength();
    }

    /** What the password lacks; empty when it is acceptable. */
    public List<String> missing(String password, String username) {
        List<String> missing = new ArrayList<>();
        String p = password == null ? "" : password;
        if (p.length() < minLength) {
            missing.add("at least " + minLength + " characters");
        }
        if (p.chars().noneMatch(Character::isUpperCase)) {
            missing.add("an upper-case letter");
        }
        if (p.chars().noneMatch(Character::isLowerCase)) {
            missing.add("a lower-case letter");
        }
        if (p.chars().noneMatch(Character::isDigit)) {
            missing.add("a digit");
        }
        if (p.chars().allMatch(Character::isLetterOrDigit)) {
            missing.add("a special character (e.g. ! # % -)");
        }
        if (username != null && !p.isEmpty() && p.toLowerCase().contains(username.toLowerCase())) {
            missing.add("not to contain the username");
        }
        if (p.length() > 128) {
            missing.add("at most 128 characters");
        }
        return missing;
    }

    /** Throws a validation problem on {@code field} when the password is not acceptable. */
    public void check(String field, String password, String username) {
        List<String> missing = missing(password, username);
        if (!missing.isEmpty()) {
            throw ProblemException.Invalid.field(field, "the password needs " + String.join(", ", missing));
        }
    }
}
