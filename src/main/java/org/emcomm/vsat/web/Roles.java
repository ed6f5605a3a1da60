package org.emcomm.vsat.web;

/** The four roles of api.md. */
public final class Roles {
    public static final String OPERATOR = "operator";
    public static final String COORDINATOR = "coordinator";
    public static final String REVIEWER = "reviewer";
    public static final String ADMIN = "admin";

    private Roles() {}
}
