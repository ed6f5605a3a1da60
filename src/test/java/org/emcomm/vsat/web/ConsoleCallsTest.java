package org.emcomm.vsat.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.ws.rs.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The console shows a button exactly when the API would take the call: the list comes from the resources' own roles. */
class ConsoleCallsTest {

    @Test
    void everyResourceIsReadForTheConsolesButtons() {
        Set<String> resources = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.emcomm.vsat.web").stream().filter(c -> c.isAnnotatedWith(Path.class)).map(JavaClass::getName)
                .collect(java.util.stream.Collectors.toSet());
        assertThat(ConsoleResource.RESOURCES.stream().map(Class::getName)).containsExactlyInAnyOrderElementsOf(resources);
    }

    @Test
    void eachRoleGetsTheCallsItsAnnotationsAllow() {
        assertThat(ConsoleResource.allowedCalls(Set.of(Roles.REVIEWER))).containsExactlyInAnyOrder(
                "POST /api/console/logout", "POST /api/compliance/report/verify", "PUT /api/compliance/deviations/{indicator}");
        assertThat(ConsoleResource.allowedCalls(Set.of(Roles.OPERATOR)))
                .contains("POST /api/incidents/{id}/acknowledge", "POST /api/emergencies", "POST /api/network/poll",
                        "POST /api/emergencies/{id}/reports/{rid}/submit", "POST /api/tasks")
                .doesNotContain("POST /api/incidents/{id}/classify", "POST /api/drills", "POST /api/drills/{id}/complete",
                        "PUT /api/compliance/deviations/{indicator}");
        assertThat(ConsoleResource.allowedCalls(Set.of(Roles.COORDINATOR)))
                .contains("POST /api/drills", "POST /api/drills/{id}/start", "POST /api/drills/{id}/complete", "POST /api/tasks")
                .doesNotContain("POST /api/incidents/{id}/acknowledge", "POST /api/network/poll");
        assertThat(ConsoleResource.allowedCalls(Set.of(Roles.ADMIN))).contains("POST /api/incidents/{id}/classify")
                .noneMatch(c -> c.startsWith("GET "));
    }
}
