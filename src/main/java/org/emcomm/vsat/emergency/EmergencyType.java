package org.emcomm.vsat.emergency;

/** Kinds of sudden emergency, with the label a Chinese report uses. */
public enum EmergencyType {
    EARTHQUAKE("地震"), FLOOD("洪涝"), TYPHOON("台风"), FIRE("火灾"), OTHER("其他");

    private final String zh;

    EmergencyType(String zh) { this.zh = zh; }

    public String zh() { return zh; }
}
