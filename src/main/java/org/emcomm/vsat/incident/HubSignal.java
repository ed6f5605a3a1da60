package org.emcomm.vsat.incident;

import java.time.Instant;

/** What a hub's NMS says of the hub itself, by a read of its tables or a trap: out of service ({@code faulty}) or back. */
public record HubSignal(String hub, Instant at, boolean faulty, String reason) {}
