package org.opence.common.status;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import jakarta.enterprise.context.ApplicationScoped;

import org.opence.common.config.CeConfig;

/** Name, version and instance (host and pid) of this running service. */
@ApplicationScoped
public class ServiceIdentity {

    private final String name;
    private final String version;
    private final String instance;

    public ServiceIdentity(CeConfig config) {
        this.name = config.service().name();
        this.version = config.service().version();
        this.instance = host() + "/" + ManagementFactory.getRuntimeMXBean().getPid();
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown-host";
        }
    }

    public String name() {
        return name;
    }

    public String version() {
        return version;
    }

    public String instance() {
        return instance;
    }
}
