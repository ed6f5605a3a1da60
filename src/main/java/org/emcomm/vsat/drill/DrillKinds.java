package org.emcomm.vsat.drill;

/** The drill vocabularies of domain.md §5, each value with its Chinese label. */
public final class DrillKinds {
    private DrillKinds() {}

    /** Tabletop or live (Chinese practice), or HSEEP's drill / functional / full-scale exercise. */
    public enum Type {
        TABLETOP("桌面推演"), LIVE("实战演练"), DRILL("操练"), FUNCTIONAL("功能演练"), FULL_SCALE("全面演练");
        private final String zh;
        Type(String zh) { this.zh = zh; }
        public String zh() { return zh; }
    }

    /** Single-function (单项) or combined (综合). */
    public enum Scope {
        SINGLE_FUNCTION("单项"), COMBINED("综合");
        private final String zh;
        Scope(String zh) { this.zh = zh; }
        public String zh() { return zh; }
    }

    /** 检验 / 示范 / 研究. */
    public enum Purpose {
        TEST("检验性"), DEMONSTRATION("示范性"), RESEARCH("研究性");
        private final String zh;
        Purpose(String zh) { this.zh = zh; }
        public String zh() { return zh; }
    }

    public enum Role {
        PLAYER("参演"), CONTROLLER("导调"), EVALUATOR("评估"), OBSERVER("观摩");
        private final String zh;
        Role(String zh) { this.zh = zh; }
        public String zh() { return zh; }
    }

    /** HSEEP's objective ratings; P, S, M and U are accepted as their short codes. */
    public enum Rating {
        PERFORMED_WITHOUT_CHALLENGES("P", "顺利完成", "Performed without challenges"),
        PERFORMED_WITH_SOME_CHALLENGES("S", "完成但存在一些问题", "Performed with some challenges"),
        PERFORMED_WITH_MAJOR_CHALLENGES("M", "完成但存在重大问题", "Performed with major challenges"),
        UNABLE_TO_BE_PERFORMED("U", "未能完成", "Unable to be performed");
        private final String code, zh, en;
        Rating(String code, String zh, String en) {
            this.code = code;
            this.zh = zh;
            this.en = en;
        }
        public String code() { return code; }
        public String zh() { return zh; }
        public String en() { return en; }

        static Rating parse(String field, String text) {
            if (text != null) {
                for (Rating r : values()) if (r.code.equalsIgnoreCase(text.trim())) return r;
            }
            return org.emcomm.vsat.command.Refusal.enumOf(Rating.class, field, text);
        }
    }

    /** Timeline entries: an inject the controllers sent in, an observation of what players did, or a note. */
    public enum EntryKind { INJECT, OBSERVATION, NOTE }

    public enum AttachmentKind {
        PLAN("演练方案"), NOTICE("演练通知"), SIGN_IN("签到表"), PHOTO("照片"), REPORT("总结报告"), OTHER("其他");
        private final String zh;
        AttachmentKind(String zh) { this.zh = zh; }
        public String zh() { return zh; }
    }

    public enum ActionStatus { OPEN, IN_PROGRESS, CLOSED }

    /** Simulated response level Ⅰ–Ⅳ. */
    public enum Level { I, II, III, IV }
}
