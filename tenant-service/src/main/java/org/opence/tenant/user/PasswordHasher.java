package org.opence.tenant.user;

import jakarta.enterprise.context.ApplicationScoped;

import org.opence.tenant.TenantConfig;

import io.quarkus.elytron.security.common.BcryptUtil;

/** bcrypt hashing of passwords; verification of an unknown user still spends the time of one check. */
@ApplicationScoped
public class PasswordHasher {

    private final int cost;
    private final String decoy;

    public PasswordHasher(TenantConfig config) {
        this.cost = config.passwords().bcryptCost();
        this.decoy = BcryptUtil.bcryptHash("decoy password that matches nothing", cost);
    }

    public String hash(String password) {
        return BcryptUtil.bcryptHash(password, cost);
    }

    public boolean matches(String password, String hash) {
        return password != null && hash != null && BcryptUtil.matches(password, hash);
    }

    /** Spends as long as a real check, so that response times do not tell which usernames exist. */
    public void spendTimeOfOneCheck(String password) {
        BcryptUtil.matches(password == null ? "" : password, decoy);
    }
}
