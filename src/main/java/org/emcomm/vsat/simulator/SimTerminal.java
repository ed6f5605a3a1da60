package org.emcomm.vsat.simulator;

import java.util.SplittableRandom;
import org.emcomm.vsat.inventory.Topology.Terminal;

/** The physics of one simulated terminal: clear-sky Es/No and levels that move with noise. */
final class SimTerminal {
    final Terminal terminal;
    final double clearSkyEsNo;
    final double rxLevel;
    final double txPower;
    final double temperature;
    final long octetRate;
    /** A stable draw in [0, 1) for this terminal: where it sits in a recording's spread. */
    private final double unit;
    private final SplittableRandom random;

    SimTerminal(Terminal terminal, long seed) {
        this.terminal = terminal;
        long h = seed ^ terminal.id().hashCode() * 0x9E3779B97F4A7C15L;
        this.random = new SplittableRandom(h);
        SplittableRandom r = new SplittableRandom(h);
        this.clearSkyEsNo = 9.0 + r.nextDouble() * 5.0;     // 9..14 dB on a clear day
        this.rxLevel = -48.0 + r.nextDouble() * 8.0;        // dBm
        this.txPower = 1.0 + r.nextDouble() * 4.0;          // dBm at the modem IF
        this.temperature = 32.0 + r.nextDouble() * 10.0;    // °C
        this.octetRate = 2_000 + r.nextInt(60_000);         // bytes/s
        this.unit = r.nextDouble();
    }

    double unit() { return unit; }

    synchronized double noise(double amplitude) {
        return (random.nextDouble() * 2 - 1) * amplitude;
    }
}
