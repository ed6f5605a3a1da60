package org.emcomm.vsat.health;

public enum TerminalState { UP, DEGRADED, DOWN, UNKNOWN }
