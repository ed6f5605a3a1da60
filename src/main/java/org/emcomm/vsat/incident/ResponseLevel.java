package org.emcomm.vsat.incident;

/** Response/warning level of the national comms-support emergency plan, by geographic scope
 * (domain.md §2): Ⅳ one county, Ⅲ two or more counties of one prefecture, Ⅱ two or more
 * prefectures of one province, Ⅰ two or more provinces. */
public enum ResponseLevel {
    I("red", "Ⅰ"), II("orange", "Ⅱ"), III("yellow", "Ⅲ"), IV("blue", "Ⅳ");

    private final String colour;
    private final String numeral;

    ResponseLevel(String colour, String numeral) {
        this.colour = colour;
        this.numeral = numeral;
    }

    public String colour() { return colour; }

    public String numeral() { return numeral; }

    /** Ⅰ is more severe than Ⅳ. */
    public boolean above(ResponseLevel other) { return ordinal() < other.ordinal(); }
}
