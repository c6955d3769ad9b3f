package org.opence.tenant.netskope;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.validation.Validator;

import org.jboss.logging.Logger;
import org.opence.common.error.ProblemException;
import org.opence.tenant.TenantConfig;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.StartupEvent;

/**
 * Creates the tenants of {@code tenant.seed-file} that do not exist yet, once per start: provisioning
 * as a file (the demo uses it). Each entry goes through the same validation as the API; an invalid
 * one is logged with the field at fault and skipped. Existing tenants are left as they are.
 */
@ApplicationScoped
public class TenantSeed {

    private static final Logger LOG = Logger.getLogger(TenantSeed.class);

    /** The file's shape. */
    public record SeedFile(List<TenantModels.Form> tenants) {}

    private final TenantConfig config;
    private final TenantService tenants;
    private final ObjectMapper mapper;
    private final Validator validator;

    public TenantSeed(TenantConfig config, TenantService tenants, ObjectMapper mapper, Validator validator) {
        this.config = config;
        this.tenants = tenants;
        this.mapper = mapper;
        this.validator = validator;
    }

    void onStart(@Observes StartupEvent start) {
        config.seedFile().filter(f -> !f.isBlank()).map(Path::of).ifPresent(this::seed);
    }

    /** @return how many tenants it created */
    int seed(Path file) {
        if (!Files.isRegularFile(file)) {
            LOG.warnf("tenant.seed-file %s does not exist; no tenants seeded", file);
            return 0;
        }
        SeedFile seed;
        try {
            seed = mapper.readValue(file.toFile(), SeedFile.class);
        } catch (Exception e) {
            LOG.errorf(
                    "tenant.seed-file %s is not valid JSON of the form {\"tenants\": [...]}: %s", file, e.getMessage());
            return 0;
        }
        int created = 0;
        List<TenantModels.Form> forms = seed.tenants() == null ? List.of() : seed.tenants();
        for (int i = 0; i < forms.size(); i++) {
            TenantModels.Form form = forms.get(i);
            var violations = validator.validate(form);
            if (!violations.isEmpty()) {
                var v = violations.iterator().next();
                LOG.errorf(
                        "tenant.seed-file %s: tenants[%d].%s %s; skipped",
                        file, i, v.getPropertyPath(), v.getMessage());
                continue;
            }
            if (tenants.list().stream().anyMatch(t -> t.name().equals(form.name()))) {
                continue;
            }
            try {
                tenants.create(form);
                created++;
                LOG.infof("Seeded the tenant %s (%s) from %s", form.name(), form.tenantName(), file);
            } catch (ProblemException e) {
                LOG.errorf("tenant.seed-file %s: tenants[%d] (%s) refused: %s", file, i, form.name(), e.getMessage());
            }
        }
        return created;
    }
}
