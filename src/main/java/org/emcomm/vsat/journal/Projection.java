package org.emcomm.vsat.journal;

/** Current state of records rebuilt from events: every stored event is applied in order at start-up,
 * then every new one as it becomes durable. */
public interface Projection {
    /** Events of other streams are not passed in. */
    String stream();

    void apply(JournalEvent event);
}
