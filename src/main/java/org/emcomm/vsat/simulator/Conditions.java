package org.emcomm.vsat.simulator;

/** What the scenarios make of one terminal or agent at one moment. */
record Conditions(boolean silent, boolean unlocked, double fadeDb, double delaySeconds, boolean garbage) {
    static final Conditions CLEAR = new Conditions(false, false, 0, 0, false);
}
