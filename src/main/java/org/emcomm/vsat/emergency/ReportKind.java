package org.emcomm.vsat.emergency;

/** The reporting ladder: the first (initial) report is the one the 30-minute indicator measures. */
public enum ReportKind {
    INITIAL("首报", "Initial"), UPDATE("续报", "Update"), FINAL("终报", "Final");

    private final String zh, en;

    ReportKind(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String zh() { return zh; }

    public String en() { return en; }
}
