package org.opence.common.settings;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.opence.common.plugin.ModulePlugins;

/**
 * In a module service: whether the module is on (settings {@code modules.<module>}). While it is off,
 * its API answers {@code module-off} ({@link ModuleOffFilter}), its schedules skip their runs and the
 * work registered here (its data consumers) is paused: messages wait in their durable queues and are
 * taken again when the module is turned back on.
 */
@ApplicationScoped
public class ModuleSwitch {

    private static final Logger LOG = Logger.getLogger(ModuleSwitch.class);

    /** Work that stops while the module is off. */
    public interface Pausable {
        void pause();

        void resume();
    }

    private final ModulePlugins plugins;
    private final CurrentSettings settings;
    private final List<Pausable> work = new CopyOnWriteArrayList<>();
    private volatile boolean on = true;

    public ModuleSwitch(ModulePlugins plugins, CurrentSettings settings) {
        this.plugins = plugins;
        this.settings = settings;
        this.on = module() == null || settings.get().modules().isOn(module());
    }

    /** The module of this service (cte, cto, cre, cls), or null in tenant-service and core-service. */
    public String module() {
        return plugins.module().map(m -> m.name().toLowerCase(Locale.ROOT)).orElse(null);
    }

    public boolean on() {
        return on;
    }

    /** Registers work to pause while the module is off; paused at once if it is off now. */
    public void register(Pausable pausable) {
        work.add(pausable);
        if (!on) {
            pausable.pause();
        }
    }

    synchronized void apply(@Observes SettingsApplied change) {
        String module = module();
        if (module == null) {
            return;
        }
        boolean next = change.current().modules().isOn(module);
        if (next == on) {
            return;
        }
        on = next;
        String by = change.current().updatedBy() == null
                ? "the settings"
                : change.current().updatedBy();
        if (next) {
            LOG.infof("Module %s turned on by %s: resuming its work", module.toUpperCase(Locale.ROOT), by);
            work.forEach(Pausable::resume);
        } else {
            LOG.infof(
                    "Module %s turned off by %s: its API refuses, its schedules and consumers pause (messages wait in their queues)",
                    module.toUpperCase(Locale.ROOT), by);
            work.forEach(Pausable::pause);
        }
    }

    /** The problem's detail when the module is off. */
    public String offMessage() {
        String m = module() == null ? "" : module().toUpperCase(Locale.ROOT);
        return "The " + name(m) + " module (" + m + ") is turned off. The super-admin can turn it on in"
                + " Settings > General (PUT /api/settings with modules." + m.toLowerCase(Locale.ROOT)
                + " = true); its data waits in its queues until then.";
    }

    private static String name(String module) {
        return switch (module) {
            case "CTE" -> "Threat Exchange";
            case "CTO" -> "Ticket Orchestrator";
            case "CRE" -> "Risk Exchange";
            case "CLS" -> "Log Shipper";
            default -> module;
        };
    }
}
