package org.opence.simulator.netskope.data;

import jakarta.enterprise.context.ApplicationScoped;

import org.opence.simulator.netskope.config.SimulatorConfig;

/** Simulated time: the configured start plus the wall-clock time since start-up, times the time scale. */
@ApplicationScoped
public class SimClock {

    private final long startEpoch;
    private final long wallStartNanos;
    private final double scale;

    public SimClock(SimulatorConfig config) {
        this.startEpoch = config.startEpoch().orElse(System.currentTimeMillis() / 1000);
        this.wallStartNanos = System.nanoTime();
        this.scale = config.timeScale();
        if (scale <= 0) {
            throw new IllegalArgumentException("netskope-sim.time-scale must be > 0");
        }
    }

    public long startEpoch() {
        return startEpoch;
    }

    /** Simulated now in epoch seconds, with a fraction. */
    public double now() {
        return startEpoch + (System.nanoTime() - wallStartNanos) / 1e9 * scale;
    }
}
