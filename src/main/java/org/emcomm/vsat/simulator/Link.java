package org.emcomm.vsat.simulator;

import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * The path between the service and a simulated agent: its round trip, the jitter around it, and the share of
 * datagrams lost each way. Presets: {@code none} (loopback), {@code terrestrial} (20 ms ± 5, a hub NMS on the ground
 * network), {@code geo} (600 ms ± 30, one geostationary hop), {@code geo-double-hop} (1,200 ms ± 50, remote to hub to
 * remote); any can be changed or written out: {@code geo,loss=0.02} or {@code rtt=550,jitter=20,loss=0.01}.
 */
public record Link(String name, double rttMs, double jitterMs, double loss) {
    public static final Link NONE = new Link("none", 0, 0, 0);

    public Link {
        if (!(rttMs >= 0 && rttMs <= 10_000)) throw new IllegalArgumentException("rtt must be 0..10000 ms, not " + rttMs);
        if (!(jitterMs >= 0 && jitterMs <= rttMs + 1_000)) throw new IllegalArgumentException("jitter must be 0..rtt+1000 ms, not " + jitterMs);
        if (!(loss >= 0 && loss <= 0.9)) throw new IllegalArgumentException("loss must be 0..0.9, not " + loss);
    }

    public static Link parse(String spec) {
        if (spec == null || spec.isBlank()) return NONE;
        Link l = null;
        double rtt = 0, jitter = 0, loss = 0;
        boolean any = false;
        for (String part : spec.split(",")) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            int eq = p.indexOf('=');
            if (eq < 0) {
                if (l != null || any) throw new IllegalArgumentException("'" + spec + "': a preset comes first, once");
                l = switch (p) {
                    case "none" -> NONE;
                    case "terrestrial" -> new Link("terrestrial", 20, 5, 0);
                    case "geo" -> new Link("geo", 600, 30, 0);
                    case "geo-double-hop" -> new Link("geo-double-hop", 1_200, 50, 0);
                    default -> throw new IllegalArgumentException("'" + p + "' is not one of none, terrestrial, geo, geo-double-hop");
                };
                rtt = l.rttMs;
                jitter = l.jitterMs;
                loss = l.loss;
                continue;
            }
            String key = p.substring(0, eq).trim();
            double v;
            try {
                v = Double.parseDouble(p.substring(eq + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + part.trim() + "': " + key + " needs a number");
            }
            any = true;
            switch (key) {
                case "rtt" -> rtt = v;
                case "jitter" -> jitter = v;
                case "loss" -> loss = v;
                default -> throw new IllegalArgumentException("'" + key + "' is not one of rtt, jitter, loss");
            }
        }
        return new Link(l == null ? "custom" : any ? l.name + "+" : l.name, rtt, jitter, loss);
    }

    /** One datagram's round trip in ms: the round trip ± jitter (uniform), never below zero. */
    double sampleRttMs(RandomGenerator random) {
        if (rttMs == 0 && jitterMs == 0) return 0;
        return Math.max(0, rttMs + (random.nextDouble() * 2 - 1) * jitterMs);
    }

    /** This link worsened by a fade: more loss each way and a longer round trip. */
    Link faded(double extraLoss, double extraDelayMs) {
        return new Link(name + "+fade", rttMs + extraDelayMs, jitterMs, Math.min(0.9, 1 - (1 - loss) * (1 - extraLoss)));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (rtt %.0f ms ± %.0f, loss %.1f %% each way)", name, rttMs, jitterMs, loss * 100);
    }
}
