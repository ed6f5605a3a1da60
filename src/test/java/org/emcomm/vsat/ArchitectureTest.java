package org.emcomm.vsat;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.emcomm.vsat");

    @Test
    void snmp4jStaysInTheSnmpAdapterAndTheSimulator() {
        noClasses().that().resideOutsideOfPackages("..vsat.snmp..", "..vsat.simulator..")
                .should().dependOnClassesThat().resideInAPackage("org.snmp4j..")
                .because("the rest of the service talks SNMP through SnmpClient; a library change must touch one package")
                .check(CLASSES);
    }

    @Test
    void theDomainDoesNotDependOnTheWebLayer() {
        noClasses().that().resideOutsideOfPackage("..vsat.web..")
                .should().dependOnClassesThat().resideInAPackage("..vsat.web..")
                .because("REST resources are a thin shell over the domain, never the other way round")
                .check(CLASSES);
    }

    @Test
    void thePollerDoesNotCallHealthOrStorage() {
        noClasses().that().resideInAPackage("..vsat.polling..").and().doNotHaveSimpleName("PollingService")
                .should().dependOnClassesThat().resideInAPackage("..vsat.health..")
                .because("a poll result is a value the poller hands on; health consumes it (OpenNMS' lesson)")
                .check(CLASSES);
    }

    @Test
    void influxdbClientStaysInStorage() {
        noClasses().that().resideOutsideOfPackage("..vsat.storage..")
                .should().dependOnClassesThat().resideInAPackage("com.influxdb..")
                .because("records and samples reach InfluxDB through Storage and SampleStore; a client change must touch one package")
                .check(CLASSES);
    }

    @Test
    void theJournalStandsAlone() {
        noClasses().that().resideInAPackage("..vsat.journal..")
                .should().dependOnClassesThat().resideInAnyPackage("..vsat.storage..", "..vsat.web..", "..vsat.polling..")
                .because("the journal is the record store of last resort; it must not need InfluxDB, the poller or HTTP to work")
                .check(CLASSES);
    }

    @Test
    void incidentRulesSeeValuesNotAdapters() {
        noClasses().that().resideInAPackage("..vsat.incident..")
                .should().dependOnClassesThat().resideInAnyPackage("..vsat.snmp..", "..vsat.storage..", "..vsat.simulator..", "..vsat.traps..")
                .because("detection and correlation take samples and mapped trap signals as values; where they came from and where"
                        + " records go are other packages' business")
                .check(CLASSES);
    }

    @Test
    void emergenciesWorkOnRecordsAndPollsNotOnAdapters() {
        noClasses().that().resideInAPackage("..vsat.emergency..")
                .should().dependOnClassesThat().resideInAnyPackage("..vsat.snmp..", "..vsat.storage..", "..vsat.simulator..", "..vsat.web..")
                .because("a status report is built from terminal states and records; the SNMP adapter, storage and HTTP stay outside")
                .check(CLASSES);
    }

    @Test
    void drillsWorkOnRecordsAndPollsNotOnAdapters() {
        noClasses().that().resideInAPackage("..vsat.drill..")
                .should().dependOnClassesThat().resideInAnyPackage("..vsat.snmp..", "..vsat.storage..", "..vsat.simulator..", "..vsat.web..",
                        "..vsat.emergency..", "..vsat.incident..")
                .because("a drill is verified from samples and polls; the SNMP adapter, storage, HTTP and the other record books stay outside")
                .check(CLASSES);
    }

    @Test
    void complianceReadsRecordsNotAdapters() {
        noClasses().that().resideInAPackage("..vsat.compliance..")
                .should().dependOnClassesThat().resideInAnyPackage("..vsat.snmp..", "..vsat.storage..", "..vsat.simulator..", "..vsat.web..",
                        "..vsat.polling..")
                .because("the indicators are computed from the record books; nothing here polls or writes")
                .check(CLASSES);
    }

    @Test
    void documentsKnowNoFeature() {
        noClasses().that().resideInAPackage("..vsat.document..")
                .should().dependOnClassesThat().resideInAnyPackage("..vsat.incident..", "..vsat.emergency..", "..vsat.drill..")
                .because("features lay their records out; the PDF, HTML and CSV writers only render layouts")
                .check(CLASSES);
    }

    @Test
    void notificationsKnowNoFeature() {
        noClasses().that().resideInAPackage("..vsat.notification..")
                .should().dependOnClassesThat().resideInAnyPackage("..vsat.incident..", "..vsat.emergency..", "..vsat.drill..")
                .because("features describe their own events to the notifier through NotificationSource")
                .check(CLASSES);
    }
}
