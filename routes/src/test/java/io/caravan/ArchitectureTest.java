package io.caravan;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.Arrays;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.caravan.platform.CaravanService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The architecture, kept by a test (main code only): a service package never imports another service
 * package, so services meet only at endpoints and each can run as its own pod; {@code platform} imports
 * no service; nothing imports local mode's embedded infrastructure ({@code io.caravan.local}, test scope).
 */
class ArchitectureTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.caravan");
    }

    private static String packageOf(CaravanService service) {
        return "io.caravan." + service.packageName() + "..";
    }

    @ParameterizedTest
    @EnumSource(CaravanService.class)
    void aServiceImportsNoOtherService(CaravanService service) {
        String[] others = Arrays.stream(CaravanService.values()).map(ArchitectureTest::packageOf)
                .filter(p -> !p.equals(packageOf(service))).distinct().toArray(String[]::new);
        noClasses().that().resideInAPackage(packageOf(service))
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .because("services meet only at endpoints (HTTP, RabbitMQ, Redis streams), never through Java classes")
                .allowEmptyShould(true)
                .check(main);
    }

    @Test
    void thePlatformImportsNoService() {
        String[] services = Arrays.stream(CaravanService.values()).map(ArchitectureTest::packageOf).toArray(String[]::new);
        noClasses().that().resideInAPackage("io.caravan.platform..")
                .should().dependOnClassesThat().resideInAnyPackage(services)
                .because("platform is what every service shares; it knows none of them")
                .check(main);
    }

    @Test
    void mainCodeNeverImportsLocalMode() {
        noClasses().should().dependOnClassesThat().resideInAPackage("io.caravan.local..")
                .because("the embedded infrastructure is test scope: the production jar does not carry it")
                .check(main);
    }
}
