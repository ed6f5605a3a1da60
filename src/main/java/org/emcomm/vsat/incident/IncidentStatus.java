package org.emcomm.vsat.incident;

public enum IncidentStatus {
    OPEN, ACKNOWLEDGED, RESOLVED;

    public boolean active() { return this != RESOLVED; }
}
