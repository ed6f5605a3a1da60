package org.emcomm.vsat.emergency;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.emcomm.vsat.health.TerminalState;
import org.emcomm.vsat.polling.Sample;

/**
 * Why a terminal is in the state a status report shows, in words a ministry reader understands, in
 * Chinese and English: from how its last poll went, or the profile rule that matched its answer. No
 * agent addresses, SNMP error names or hysteresis counters: those stay in the service's own views. Pure.
 */
final class PlainReasons {
    record Words(String zh, String en) {}

    /** The profiles' rule reasons as shipped (config/profiles), and what they mean in Chinese. An operator's own
     * reason text that is not here is shown as written, without addresses. */
    private static final Map<String, String> ZH = new LinkedHashMap<>();
    static {
        ZH.put("return-link es/no margin low", "回传链路 Es/No 余量不足");
        ZH.put("es/no margin low", "Es/No 余量不足");
        ZH.put("es/no unreadable", "Es/No 读数无效");
        ZH.put("demodulator unlocked", "解调器失锁");
        ZH.put("downstream snr margin low", "下行信噪比余量不足");
        ZH.put("remote in warning at the hub", "主站显示该终端告警");
        ZH.put("remote offline at the hub", "主站显示该终端离线");
        ZH.put("modem not logged on", "调制解调器未入网");
        ZH.put("modem logging on", "调制解调器正在入网");
        ZH.put("interface not operational", "卫星接口未工作");
        ZH.put("all metrics within limits", "运行正常");
    }

    private static final Pattern ADDRESS = Pattern.compile("\\[?[0-9a-fA-F:]*:[0-9a-fA-F:]+\\]?:\\d+|\\b\\d{1,3}(\\.\\d{1,3}){3}(:\\d+)?\\b");
    private static final Pattern IN_A_ROW = Pattern.compile("\\s*\\(\\d+ in a row\\)");

    private PlainReasons() {}

    /**
     * {@code status}: how the terminal's latest poll went (the fresh poll's when it has one), null when never polled;
     * {@code state} and {@code reason}: the service's state after hysteresis and the reason it gives.
     */
    static Words of(TerminalState state, Sample.PollStatus status, String reason) {
        if (status == null) return new Words("尚未轮询", "not polled yet");
        return switch (status) {
            case TIMEOUT -> new Words("终端无应答", "the terminal does not answer");
            case PARENT_UNREACHABLE -> new Words("主站网管无应答，终端状态不可见", "hub management system not answering: state not visible");
            case NO_ROW -> new Words("主站网管未列出该终端", "hub management system does not list this terminal");
            case AUTH_FAILURE -> new Words("无法监测：SNMP 认证被拒绝", "cannot be monitored: the device refuses our SNMP credentials");
            case AGENT_ERROR -> new Words("无法监测：设备返回错误", "cannot be monitored: the device answers with an error");
            case ANSWERED -> state == TerminalState.UP ? new Words("运行正常", "operating normally") : rule(reason);
        };
    }

    /** A profile rule's reason with its reading, e.g. "Es/No margin low (4.10)". */
    static Words rule(String reason) {
        String en = clean(reason);
        if (en.isEmpty()) return new Words("状态异常", "out of limits");
        String lower = en.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> e : ZH.entrySet()) {
            if (lower.startsWith(e.getKey())) {
                String rest = en.substring(e.getKey().length()).trim();
                // "demodulator unlocked (unlocked)": the value only repeats the words
                if (rest.startsWith("(") && rest.endsWith(")") && e.getKey().contains(rest.substring(1, rest.length() - 1).toLowerCase(Locale.ROOT))) {
                    rest = "";
                    en = en.substring(0, e.getKey().length());
                }
                return new Words(e.getValue() + (rest.isEmpty() ? "" : " " + rest), en);
            }
        }
        return new Words(en, en);
    }

    /** Without addresses and hysteresis counters; whitespace folded. */
    static String clean(String reason) {
        if (reason == null) return "";
        String s = IN_A_ROW.matcher(reason).replaceAll("");
        s = ADDRESS.matcher(s).replaceAll("");
        return s.replaceAll("\\(\\s*\\)", "").replaceAll("\\s+", " ").trim();
    }
}
