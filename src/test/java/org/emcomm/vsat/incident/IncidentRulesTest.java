package org.emcomm.vsat.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.emcomm.vsat.inventory.DeviceProfile.TrapAction;
import org.emcomm.vsat.inventory.DeviceProfile.TrapCondition;
import org.emcomm.vsat.inventory.Topology.Terminal;
import org.junit.jupiter.api.Test;

/** Every rule of detection, reduction, correlation, lifecycle and grading, on a simulated clock. */
class IncidentRulesTest {
    // In the generated 250-terminal network: T-SC-00001 is a critical iDirect remote of hub-bj
    // (beam-west, county sc-p1-c1); T-YN-00002 an iDirect remote in Yunnan.
    static final String T1 = "T-SC-00001", T2 = "T-YN-00002";

    @Test
    void terminalDownOpensOnceItsBeamAndHubWerePolledSinceAndResolvesByItselfOnRecovery() {
        IncidentScript s = new IncidentScript().at("00:00").down(T2).tick();
        assertThat(s.active()).as("held for correlation").isEmpty();
        s.at("00:20").tick();
        assertThat(s.active()).as("past the hold, but its beam and hub were not polled since: correlation has not seen them").isEmpty();
        s.at("00:40").cycle().tick();
        Incident i = s.only();
        assertThat(i.condition()).isEqualTo(Condition.TERMINAL_DOWN);
        assertThat(i.scope()).isEqualTo(new Scope(Scope.Kind.TERMINAL, T2));
        assertThat(i.detectedAt()).isEqualTo(IncidentScript.T0);
        assertThat(i.level()).isEqualTo(ResponseLevel.IV);
        assertThat(i.major()).isFalse();
        assertThat(i.classification().ruleVersion()).startsWith("v1-");
        s.at("05:00").up(T2);
        assertThat(s.active()).isEmpty();
        Incident done = s.book.get(i.id());
        assertThat(done.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(done.resolution()).isEqualTo("AUTO");
        assertThat(done.timeline()).extracting(Incident.TimelineEntry::type).containsExactly("opened", "resolved");
    }

    @Test
    void aHeldConditionOpensAfterTheCorrelationWaitWhenItsSiblingsAreNotPolled() {
        IncidentScript s = new IncidentScript().at("00:00").down(T2).at("02:59").tick();
        assertThat(s.active()).isEmpty();
        s.at("03:00").tick();
        assertThat(s.only().condition()).isEqualTo(Condition.TERMINAL_DOWN);
        assertThat(s.only().detectedAt()).isEqualTo(IncidentScript.T0);
    }

    @Test
    void aBlipShorterThanTheHoldOpensNothing() {
        IncidentScript s = new IncidentScript().at("00:00").down(T2).at("00:10").up(T2).at("01:00").tick();
        assertThat(s.all()).isEmpty();
    }

    @Test
    void repeatsCountAndARecurrenceWithinTheWindowReopensWhileALaterOneIsNew() {
        IncidentScript s = new IncidentScript();
        s.at("00:00").trap(T2, TrapCondition.TERMINAL_DOWN, TrapAction.RAISE).trap(T2, TrapCondition.TERMINAL_DOWN, TrapAction.RAISE)
                .at("00:20").cycle().tick().trap(T2, TrapCondition.TERMINAL_DOWN, TrapAction.RAISE);
        Incident i = s.only();
        assertThat(i.count()).as("two held repeats and one after opening").isEqualTo(3);
        assertThat(i.source()).isEqualTo("trap");
        s.at("01:00").trap(T2, TrapCondition.TERMINAL_DOWN, TrapAction.CLEAR);
        assertThat(s.active()).isEmpty();
        s.at("05:00").trap(T2, TrapCondition.TERMINAL_DOWN, TrapAction.RAISE);
        Incident again = s.only();
        assertThat(again.id()).as("reopened within 10 min").isEqualTo(i.id());
        assertThat(again.reopened()).isEqualTo(1);
        s.at("06:00").trap(T2, TrapCondition.TERMINAL_DOWN, TrapAction.CLEAR)
                .at("30:00").trap(T2, TrapCondition.TERMINAL_DOWN, TrapAction.RAISE).at("30:20").cycle().tick();
        assertThat(s.only().id()).as("outside the window: a new incident").isNotEqualTo(i.id());
        assertThat(s.all()).hasSize(2);
    }

    @Test
    void aTrapDrivenIncidentOpensOnceCorrelationSawTheNetworkAndPollsEndOneTheyNeverConfirm() {
        IncidentScript s = new IncidentScript().at("00:00").trap(T2, TrapCondition.TERMINAL_DOWN, TrapAction.RAISE).at("00:20").tick();
        assertThat(s.active()).as("a trap alone: its beam and hub not yet polled since").isEmpty();
        s.at("00:30").cycle().tick();
        assertThat(s.only().condition()).isEqualTo(Condition.TERMINAL_DOWN);
        s.at("03:00").up(T2); // no transition: the terminal was UP all along
        assertThat(s.active()).as("not yet: within clear-after").hasSize(1);
        s.at("05:30").up(T2); // five minutes after it was last seen (when it opened)
        assertThat(s.active()).isEmpty();
    }

    @Test
    void flappingIsOneIncidentNotOnePerTransitionAndEndsWhenQuiet() {
        IncidentScript s = new IncidentScript();
        for (int k = 0; k < 6; k++) s.at("00:" + (10 + k * 6)).down(T2).tick().at("00:" + (13 + k * 6)).up(T2).tick();
        Incident f = s.only();
        assertThat(f.condition()).isEqualTo(Condition.FLAPPING);
        assertThat(f.count()).as("repeats counted on the one incident").isGreaterThan(1);
        assertThat(s.all()).hasSize(1);
        s.at("05:00").tick();
        assertThat(s.active()).as("quiet for less than 10 min").hasSize(1);
        s.at("11:00").tick();
        assertThat(s.active()).isEmpty();
        assertThat(s.book.get(f.id()).resolution()).isEqualTo("AUTO");
    }

    @Test
    void anOpenDownIncidentTurnsIntoFlappingInsteadOfMultiplying() {
        IncidentScript s = new IncidentScript().at("00:00").down(T2).at("00:30").cycle().tick();
        String id = s.only().id();
        s.at("01:00").up(T2).at("01:30").down(T2).at("02:00").up(T2).at("02:30").down(T2).at("03:00").tick();
        assertThat(s.only().id()).isEqualTo(id);
        assertThat(s.only().condition()).isEqualTo(Condition.FLAPPING);
        assertThat(s.only().key()).endsWith(":FLAPPING");
    }

    @Test
    void uptimeGoingBackIsARebootThatResolvesWhenStable() {
        String agentTerminal = new IncidentScript().where(t -> !t.viaHub()).get(0);
        IncidentScript s = new IncidentScript().at("00:00").uptime(agentTerminal, 5000).at("01:00").uptime(agentTerminal, 5060);
        assertThat(s.active()).isEmpty();
        s.at("02:00").uptime(agentTerminal, 12);
        Incident r = s.only();
        assertThat(r.condition()).isEqualTo(Condition.REBOOT);
        s.at("03:00").trap(agentTerminal, TrapCondition.REBOOT, TrapAction.RAISE);
        assertThat(s.only().count()).isEqualTo(2);
        s.at("17:59").tick();
        assertThat(s.active()).hasSize(1);
        s.at("18:00").tick();
        assertThat(s.active()).isEmpty();
    }

    @Test
    void aHubAgentSilentForTwoReadsIsAHubOutageOnItsOwnWithTheRemotesItReadsAsChildren() {
        IncidentScript s = new IncidentScript();
        List<String> viaHub = s.where(t -> t.hub().equals("hub-gz") && t.viaHub());
        s.at("00:00").hubSilent(viaHub.toArray(String[]::new)).tick();
        assertThat(s.active()).as("one unanswered read of the hub's tables is not yet an outage").isEmpty();
        s.at("00:40").hubSilent(viaHub.toArray(String[]::new)).tick();
        Incident hub = s.only();
        assertThat(hub.condition()).isEqualTo(Condition.HUB_OUTAGE);
        assertThat(hub.children()).hasSize(viaHub.size());
        assertThat(hub.timeline().get(0).text()).contains("did not answer 2 reads in a row");
        s.at("01:20").up(viaHub.toArray(String[]::new)).tick();
        assertThat(s.active()).isEmpty();
        assertThat(s.eventsOf(IncidentBook.OPENED)).isEqualTo(1);
    }

    /**
     * The NMS answers but says the hub itself is out of service (a chassis or protocol processor offline): HUB_OUTAGE opens
     * at once, before any remote's own hysteresis, the remotes going down join it instead of opening their own, and it
     * stays open while the NMS says so, then resolves as its terminals come back.
     */
    @Test
    void aHubTheNmsSaysIsOutOfServiceIsTheParentAtOnceAndStaysWhileItSaysSo() {
        IncidentScript s = new IncidentScript();
        List<String> viaHub = s.where(t -> t.hub().equals("hub-gz") && t.viaHub());
        s.at("00:00").hubSays("hub-gz", true, "its NMS says row 2: hub chassis offline (offline)").tick();
        Incident hub = s.only();
        assertThat(hub.condition()).isEqualTo(Condition.HUB_OUTAGE);
        assertThat(hub.openedAt()).isEqualTo(s.now());
        assertThat(hub.timeline().get(0).text()).contains("hub chassis offline");
        s.at("00:30").down(viaHub.toArray(String[]::new)).at("01:00").down(viaHub.toArray(String[]::new)).at("02:00").tick().flush();
        assertThat(s.only().children()).as("the remotes going down join the hub's outage").hasSize(viaHub.size());
        assertThat(s.eventsOf(IncidentBook.OPENED)).isEqualTo(1);
        // the same fault read again is no news
        long before = s.events.size();
        s.at("02:30").hubSays("hub-gz", true, "its NMS says row 2: hub chassis offline (offline)").tick();
        assertThat(s.events.size() - before).isZero();
        s.at("05:00").up(viaHub.toArray(String[]::new)).tick();
        assertThat(s.active()).as("the NMS still says the chassis is offline").hasSize(1);
        s.at("06:00").hubSays("hub-gz", false, "its NMS says it is in service").tick();
        assertThat(s.active()).isEmpty();
    }

    @Test
    void aSilentHubAgentRaisesOneParentIncidentWithEveryChildAndNoChildIncidents() {
        IncidentScript s = new IncidentScript();
        List<String> viaHub = s.where(t -> t.hub().equals("hub-bj") && t.viaHub());
        List<String> ownAgents = s.where(t -> t.hub().equals("hub-bj") && !t.viaHub());
        assertThat(viaHub.size() + ownAgents.size()).isEqualTo(150);
        s.at("00:00").hubSilent(viaHub.toArray(String[]::new)).at("01:00").down(ownAgents.toArray(String[]::new));
        Incident hub = s.only();
        assertThat(hub.openedAt()).as("its agent had missed a read and its terminals lost service: at once").isEqualTo(s.now());
        s.at("02:00").tick().cycle().at("05:00").tick();
        hub = s.only();
        assertThat(hub.condition()).isEqualTo(Condition.HUB_OUTAGE);
        assertThat(hub.scope().id()).isEqualTo("hub-bj");
        assertThat(hub.children()).hasSize(150);
        assertThat(hub.level()).as("terminals in six provinces").isEqualTo(ResponseLevel.I);
        assertThat(s.all()).hasSize(1);
        assertThat(s.eventsOf(IncidentBook.OPENED)).isEqualTo(1);
        s.at("10:00").up(viaHub.toArray(String[]::new)).tick();
        assertThat(s.active()).as("own-agent terminals still down").hasSize(1);
        s.at("11:00").up(ownAgents.toArray(String[]::new)).tick();
        assertThat(s.active()).isEmpty();
        assertThat(s.book.get(hub.id()).timeline()).as("children come and go in batches that name them")
                .filteredOn(e -> e.type().equals("child-recovered")).hasSize(2)
                .allSatisfy(e -> assertThat(e.text()).matches("\\d+ terminals recovered: T-.*"));
        assertThat(s.book.get(hub.id()).major()).as("10 minutes").isFalse();
    }

    @Test
    void halfABeamGoingDownTogetherRaisesTheBeamAndMergesWhatHadOpened() {
        IncidentScript s = new IncidentScript();
        List<String> beam = s.where(t -> t.beam().equals("beam-north"));
        String early = beam.get(0);
        s.at("00:00").down(early).at("00:30").cycle().tick();
        assertThat(s.only().condition()).isEqualTo(Condition.TERMINAL_DOWN);
        String earlyId = s.only().id();
        s.at("01:00").down(beam.subList(1, beam.size() / 2 + 1).toArray(String[]::new)).at("01:01").tick();
        Incident b = s.only();
        assertThat(b.condition()).isEqualTo(Condition.BEAM_OUTAGE);
        assertThat(b.scope().id()).isEqualTo("beam-north");
        assertThat(b.children()).extracting(Incident.Child::terminal).contains(early).hasSize(beam.size() / 2 + 1);
        assertThat(s.book.get(earlyId).resolution()).isEqualTo("MERGED");
        assertThat(s.book.get(earlyId).mergedInto()).isEqualTo(b.id());
    }

    @Test
    void terminalsWhoseTrapsOpenedTheirOwnIncidentsJoinTheBeamWhenItFormsAndWhenTheirPollsFollow() {
        // CI order: traps held past the hold opened terminal incidents before the polls that made
        // the beam; those terminals then stayed on their own with count 2 instead of joining it
        IncidentScript s = new IncidentScript();
        List<String> beam = s.where(t -> t.beam().equals("beam-north"));
        List<String> trapped = beam.subList(0, 4);
        for (String t : trapped) s.at("00:00").trap(t, TrapCondition.TERMINAL_DOWN, TrapAction.RAISE);
        s.at("00:30").cycle().tick();
        assertThat(s.active()).hasSize(4);
        s.at("01:00").down(beam.subList(4, beam.size()).toArray(String[]::new)).tick();
        Incident b = s.only();
        assertThat(b.condition()).isEqualTo(Condition.BEAM_OUTAGE);
        assertThat(b.children()).as("trap-raised terminals are down too").hasSize(beam.size());
        s.at("01:05").down(trapped.toArray(String[]::new)).tick();
        assertThat(s.only().id()).isEqualTo(b.id());
        assertThat(s.only().children()).hasSize(beam.size());
    }

    @Test
    void fewTerminalsDownAreTheirOwnIncidents() {
        IncidentScript s = new IncidentScript();
        List<String> beam = s.where(t -> t.beam().equals("beam-north"));
        s.at("00:00").down(beam.subList(0, 5).toArray(String[]::new)).at("00:30").cycle().tick();
        assertThat(s.active()).hasSize(5).allMatch(i -> i.condition() == Condition.TERMINAL_DOWN);
    }

    @Test
    void rainFadeOverAProvinceIsOneLowIncidentThatEscalatesWhenItLastsAndEndsWithTheRain() {
        IncidentScript s = new IncidentScript();
        List<String> sc = s.where(t -> t.region().startsWith("sc-") && !t.profile().equals("generic-mib2"));
        s.at("00:00");
        for (String id : sc) s.esNo(id, 12.0);
        s.at("01:00").esNo(sc.get(0), 4.0).esNo(sc.get(1), 4.5);
        assertThat(s.active()).as("two terminals are not a rain fade").isEmpty();
        for (String id : sc.subList(2, sc.size())) s.esNo(id, 4.0);
        s.at("02:00").degraded(sc.toArray(String[]::new)).at("03:00").tick();
        Incident fade = s.only();
        assertThat(fade.condition()).isEqualTo(Condition.RAIN_FADE);
        assertThat(fade.scope()).isEqualTo(new Scope(Scope.Kind.REGION, "sc"));
        assertThat(fade.children()).hasSize(sc.size());
        assertThat(fade.level()).isEqualTo(ResponseLevel.IV);
        s.at("31:00").tick();
        assertThat(s.only().level()).as("outlasted 30 min: graded by scope (two prefectures of one province)").isEqualTo(ResponseLevel.II);
        s.at("40:00");
        for (String id : sc) s.esNo(id, 11.8);
        s.up(sc.toArray(String[]::new)).tick();
        assertThat(s.active()).isEmpty();
        assertThat(s.all()).hasSize(1);
    }

    @Test
    void aLostLockIsNotRainEvenWhenEsNoDrops() {
        IncidentScript s = new IncidentScript();
        List<String> sc = s.where(t -> t.region().startsWith("sc-") && !t.profile().equals("generic-mib2"));
        s.at("00:00");
        for (String id : sc) s.esNo(id, 12.0);
        s.at("01:00");
        for (String id : sc) s.lostLock(id, 0.5);
        assertThat(s.all()).isEmpty();
        // fading first, then the lock goes: the terminal leaves the rain fade
        s.at("20:00");
        for (String id : sc) s.esNo(id, 12.0);
        s.at("21:00");
        for (String id : sc) s.esNo(id, 4.0);
        Incident fade = s.only();
        assertThat(fade.condition()).isEqualTo(Condition.RAIN_FADE);
        s.at("22:00").lostLock(sc.get(0), 0.5).flush();
        assertThat(s.book.get(fade.id()).children()).filteredOn(c -> c.terminal().equals(sc.get(0)))
                .allMatch(c -> c.recoveredAt() != null);
    }

    @Test
    void aHubOutageLongerThanAnHourIsMajorWithTheRuleAndItsVersion() {
        IncidentScript s = new IncidentScript();
        List<String> viaHub = s.where(t -> t.hub().equals("hub-gz") && t.viaHub());
        s.at("00:00").hubSilent(viaHub.toArray(String[]::new)).at("00:30").hubSilent(viaHub.toArray(String[]::new)).at("01:00:30").tick();
        assertThat(s.only().major()).as("exactly 60 min is not more than 60").isFalse();
        s.at("01:00:31").tick();
        Incident i = s.only();
        assertThat(i.major()).isTrue();
        assertThat(i.classification().rule()).contains("> 60 min");
        assertThat(i.classification().ruleVersion()).isEqualTo(MajorRule.DEFAULT.version());
        assertThat(i.classification().reason()).contains("hub hub-gz");
        assertThat(i.classification().manual()).isFalse();
    }

    @Test
    void aCriticalTerminalDownForHalfAnHourIsMajorOnlyDuringAnEmergency() {
        Terminal critical = IncidentScript.inventory().terminal(T1);
        assertThat(critical.critical()).isTrue();
        IncidentScript quiet = new IncidentScript().at("00:00").down(T1).at("00:20").cycle().tick().at("40:00").tick();
        assertThat(quiet.only().major()).isFalse();
        IncidentScript busy = new IncidentScript();
        busy.operationsActive = true;
        busy.at("00:00").down(T1).at("00:20").cycle().tick().at("30:21").tick();
        assertThat(busy.only().major()).isTrue();
    }

    @Test
    void lifecycleCommandsKeepTheirRules() {
        IncidentScript s = new IncidentScript().at("00:00").down(T2).at("00:20").cycle().tick();
        String id = s.only().id();
        Incident acked = s.engine.acknowledge(id, "op", "looking", s.now());
        assertThat(acked.status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        assertThat(acked.acknowledgedBy()).isEqualTo("op");
        assertThatThrownBy(() -> s.engine.acknowledge(id, "op", null, s.now())).isInstanceOf(IncidentException.class)
                .extracting(e -> ((IncidentException) e).kind()).isEqualTo(IncidentException.Kind.CONFLICT);
        assertThatThrownBy(() -> s.engine.resolveByHand(id, "op", " ", s.now())).isInstanceOf(IncidentException.class)
                .extracting(e -> ((IncidentException) e).field()).isEqualTo("note");
        assertThatThrownBy(() -> s.engine.classify(id, "adm", true, null, "", s.now()))
                .extracting(e -> ((IncidentException) e).field()).isEqualTo("reason");
        assertThatThrownBy(() -> s.engine.note("INC-999999", "op", "x", s.now()))
                .extracting(e -> ((IncidentException) e).kind()).isEqualTo(IncidentException.Kind.NOT_FOUND);
        assertThatThrownBy(() -> s.engine.note(id, "op", "x".repeat(IncidentEngine.NOTE_LIMIT + 1), s.now()))
                .extracting(e -> ((org.emcomm.vsat.command.Refusal) e).field()).isEqualTo("note");
        assertThatThrownBy(() -> s.engine.note(id, "op", "line\u001b[2J", s.now())).hasMessageContaining("control character");
        s.engine.note(id, "op", "field team dispatched", s.now());
        Incident classified = s.engine.classify(id, "adm", true, ResponseLevel.III, "command post of the flood HQ", s.now());
        assertThat(classified.major()).isTrue();
        assertThat(classified.level()).isEqualTo(ResponseLevel.III);
        assertThat(classified.classification().manual()).isTrue();
        assertThat(classified.classification().by()).isEqualTo("adm");
        assertThat(classified.classification().reason()).isEqualTo("command post of the flood HQ");
        Incident resolved = s.engine.resolveByHand(id, "op", "modem replaced", s.now());
        assertThat(resolved.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(resolved.resolution()).isEqualTo("MANUAL");
        assertThat(resolved.resolvedBy()).isEqualTo("op");
        assertThat(resolved.timeline()).extracting(Incident.TimelineEntry::type)
                .containsExactly("opened", "acknowledged", "noted", "classified", "resolved");
        assertThatThrownBy(() -> s.engine.resolveByHand(id, "op", "again", s.now()))
                .extracting(e -> ((IncidentException) e).kind()).isEqualTo(IncidentException.Kind.CONFLICT);
    }

    @Test
    void aReclassifiedIncidentIsNotReGradedByTheRule() {
        IncidentScript s = new IncidentScript();
        List<String> viaHub = s.where(t -> t.hub().equals("hub-gz") && t.viaHub());
        s.at("00:00").hubSilent(viaHub.toArray(String[]::new)).at("00:30").hubSilent(viaHub.toArray(String[]::new)).tick();
        String id = s.only().id();
        s.engine.classify(id, "adm", false, null, "planned hub maintenance announced to all users", s.now());
        s.at("02:00:00").tick();
        assertThat(s.book.get(id).major()).isFalse();
    }

    @Test
    void theBookRebuiltFromTheEventsEqualsTheLiveOne() {
        IncidentScript s = new IncidentScript();
        List<String> beam = s.where(t -> t.beam().equals("beam-west"));
        s.at("00:00").down(beam.toArray(String[]::new)).down(T2).at("00:30").cycle().tick().at("01:10:00").tick();
        s.engine.acknowledge(s.active().get(0).id(), "op", "on it", s.now());
        s.at("01:20:00").up(beam.toArray(String[]::new)).tick();
        IncidentBook replay = new IncidentBook();
        for (IncidentScript.Event e : s.events) replay.apply(e.seq(), e.type(), e.id(), e.actor(), e.at(), e.payload());
        assertThat(replay.find(i -> true)).isEqualTo(s.all());
        assertThat(replay.activeFor(T2)).isEqualTo(s.book.activeFor(T2)).hasSize(1);
    }

    @Test
    void aBeamLosingServiceOverAWholePollCycleOpensOnlyItsParentWithinTheCycleAndOneBatchPerTick() {
        // as a 60 s poll cycle finds them: one terminal of the beam after another, each at its own second, the rest UP
        IncidentScript s = new IncidentScript();
        List<String> beam = s.where(t -> t.beam().equals("beam-north"));
        List<String> others = s.where(t -> !t.beam().equals("beam-north"));
        java.time.Instant halfOut = null;
        for (int sec = 0; sec < 60; sec++) {
            s.at(String.format("00:%02d", sec));
            for (int i = sec; i < beam.size(); i += 60) s.down(beam.get(i));
            for (int i = sec; i < others.size(); i += 60) s.up(others.get(i));
            if (halfOut == null && (sec + 1) * beam.size() / 60 >= beam.size() / 2) halfOut = s.now();
            s.tick();
        }
        for (int m = 1; m <= 5; m++) s.at(String.format("%02d:00", m)).cycle().tick(); // and the following cycles, past every wait
        Incident b = s.only();
        assertThat(b.condition()).isEqualTo(Condition.BEAM_OUTAGE);
        assertThat(b.openedAt()).as("the parent opens when half the beam is out, within the cycle").isBeforeOrEqualTo(halfOut);
        assertThat(b.children()).hasSize(beam.size());
        assertThat(s.eventsOf(IncidentBook.OPENED)).as("no terminal ever opened its own incident").isEqualTo(1);
        assertThat(s.eventsOf(IncidentBook.MERGED)).isZero();
        List<Incident.TimelineEntry> joined = b.timeline().stream().filter(e -> e.type().equals("children-attached")).toList();
        assertThat(joined.size()).as("at most one batch per tick").isLessThanOrEqualTo(60);
        assertThat(joined).allSatisfy(e -> assertThat(e.text()).matches("\\d+ terminals? attached: T-.*"));
    }

    @Test
    void silentAgentsCountAsOutAfterTwoMissedPollsInARowNotOne() {
        IncidentScript s = new IncidentScript();
        List<String> own = s.where(t -> t.beam().equals("beam-east") && !t.viaHub());
        List<String> beam = s.where(t -> t.beam().equals("beam-east"));
        List<String> silent = beam.subList(0, beam.size() / 2 + 1);
        assertThat(own).isNotEmpty();
        s.at("00:00").silent(org.emcomm.vsat.health.TerminalState.UP, silent.toArray(String[]::new)).tick();
        assertThat(s.all()).as("one lost poll each, as on a lossy link: no outage").isEmpty();
        s.at("00:10").silent(org.emcomm.vsat.health.TerminalState.UP, silent.toArray(String[]::new)).tick();
        assertThat(s.only().condition()).isEqualTo(Condition.BEAM_OUTAGE);
        assertThat(s.only().scope().id()).isEqualTo("beam-east");
    }

    @Test
    void aBeamOutageFoundFirstWidensToItsHubWhenTheHubAgentStopsAnswering() {
        // hub-gz serves one beam: until its agent is heard missing, its terminals losing service look like the beam
        IncidentScript s = new IncidentScript();
        List<String> own = s.where(t -> t.hub().equals("hub-gz") && !t.viaHub());
        List<String> remotes = s.where(t -> t.hub().equals("hub-gz") && t.viaHub());
        s.at("00:00").down(remotes.toArray(String[]::new)).down(own.toArray(String[]::new));
        Incident beam = s.only();
        assertThat(beam.condition()).isEqualTo(Condition.BEAM_OUTAGE);
        s.at("00:20").hubSilent(remotes.toArray(String[]::new)).tick();
        Incident hub = s.only();
        assertThat(hub.id()).as("the same incident, widened").isEqualTo(beam.id());
        assertThat(hub.condition()).isEqualTo(Condition.HUB_OUTAGE);
        assertThat(hub.scope()).isEqualTo(new Scope(Scope.Kind.HUB, "hub-gz"));
        assertThat(hub.children()).hasSize(own.size() + remotes.size());
        assertThat(s.eventsOf(IncidentBook.OPENED)).isEqualTo(1);
    }

    @Test
    void aDegradedTerminalInAnActiveRainFadeJoinsItDirectlyAtHalfTheDrop() {
        IncidentScript s = new IncidentScript();
        List<String> sc = s.where(t -> t.region().startsWith("sc-") && !t.profile().equals("generic-mib2"));
        s.at("00:00");
        for (String id : sc) s.esNo(id, 12.0);
        s.at("01:00");
        for (String id : sc.subList(0, 3)) s.esNo(id, 7.0);
        Incident fade = s.only();
        // the rain reaches another terminal of the province: Es/No down 2 dB, below its degraded threshold
        String late = sc.get(5);
        s.at("02:00").esNo(late, 10.0).degraded(late).at("06:00").cycle().tick();
        assertThat(s.only().id()).isEqualTo(fade.id());
        assertThat(s.only().children()).extracting(Incident.Child::terminal).contains(late);
        assertThat(s.eventsOf(IncidentBook.OPENED)).as("its own degradation never opened").isEqualTo(1);
        assertThat(s.eventsOf(IncidentBook.MERGED)).isZero();
    }

    @Test
    void levelsFollowGeographicScope() {
        var inv = IncidentScript.inventory();
        // county sc-p1-c1 only; two counties of sc-p1; two prefectures of sc; two provinces
        record Row(List<String> terminals, ResponseLevel level) {}
        List<Terminal> all = List.copyOf(inv.terminals());
        Terminal a = first(all, "sc-p1-c1", null), b = first(all, "sc-p1-c1", a.id()), c = first(all, "sc-p1-c2", null),
                d = first(all, "sc-p2-c1", null), e = first(all, "yn-p1-c1", null);
        for (Row r : List.of(new Row(List.of(a.id(), b.id()), ResponseLevel.IV), new Row(List.of(a.id(), c.id()), ResponseLevel.III),
                new Row(List.of(a.id(), d.id()), ResponseLevel.II), new Row(List.of(a.id(), e.id()), ResponseLevel.I))) {
            assertThat(Grading.level(inv, r.terminals().stream().map(inv::terminal).toList())).as(r.terminals().toString()).isEqualTo(r.level());
        }
    }

    private static Terminal first(List<Terminal> all, String region, String not) {
        return all.stream().filter(t -> t.region().equals(region) && !t.id().equals(not)).findFirst().orElseThrow();
    }

    @Test
    void theRuleVersionChangesWithItsParameters() {
        assertThat(new MajorRule(Duration.ofMinutes(90), 10, 2, Duration.ofMinutes(60), Duration.ofMinutes(30)).version())
                .isNotEqualTo(MajorRule.DEFAULT.version());
        assertThat(MajorRule.DEFAULT.version()).matches("v1-[0-9a-f]{8}");
    }
}
