package org.emcomm.vsat.polling;

import java.time.Instant;
import java.util.Map;

/** One read of what a hub's NMS says of the hub itself: each row (a chassis, a protocol processor) of the profile's
 * hub columns, decoded. */
public record HubReading(String hubId, Instant at, Map<String, Map<String, MetricValue>> rows) {}
