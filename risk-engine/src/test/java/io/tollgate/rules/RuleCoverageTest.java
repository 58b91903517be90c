package io.tollgate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.EngineFixture;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every rule of the repository's rule set has an enabled test in the test class of its file that
 * proves it fires ({@link Fires}) and one that proves a near miss does not ({@link DoesNotFire}).
 * A rule added without tests, or a rule file without a test class, fails here.
 */
class RuleCoverageTest {
    /** The test class of each rule file: one per file. */
    private static final Map<String, Class<?>> TEST_CLASS_BY_FILE = Map.of(
            "lists.drl", ListRulesTest.class,
            "velocity.drl", VelocityRulesTest.class,
            "churn.drl", ChurnRulesTest.class,
            "complaints.drl", ComplaintRulesTest.class,
            "fraud.drl", FraudRulesTest.class,
            "subscriptions.drl", SubscriptionRulesTest.class,
            "decide.drl", DecisionRulesTest.class);

    @TempDir
    Path folder;
    EngineFixture fixture;

    @BeforeEach
    void open() {
        fixture = new EngineFixture(folder);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    /** @return rule code to its file, for every rule in the repository's rule set */
    private Map<String, String> ruleFiles() {
        Map<String, String> files = new TreeMap<>();
        fixture.engine.ruleSet().rules().forEach(rule -> files.put(rule.code(), rule.file()));
        return files;
    }

    /** @return the codes named by the annotation on the enabled tests of a class */
    private static <A extends Annotation> Set<String> declared(Class<?> testClass, Class<A> type,
            Function<A, String[]> codes) {
        return Arrays.stream(testClass.getDeclaredMethods())
                .filter(RuleCoverageTest::isEnabledTest)
                .filter(method -> method.isAnnotationPresent(type))
                .flatMap(method -> Arrays.stream(codes.apply(method.getAnnotation(type))))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static boolean isEnabledTest(Method method) {
        boolean test = method.isAnnotationPresent(Test.class)
                || Arrays.stream(method.getAnnotations())
                        .anyMatch(a -> a.annotationType().isAnnotationPresent(TestTemplate.class));
        return test && !method.isAnnotationPresent(Disabled.class)
                && !method.getDeclaringClass().isAnnotationPresent(Disabled.class);
    }

    @Test
    void ruleSet_hasRules() {
        assertThat(ruleFiles()).hasSizeGreaterThanOrEqualTo(30);
    }

    @Test
    void everyRuleFile_hasATestClass() {
        assertThat(TEST_CLASS_BY_FILE.keySet()).containsAll(ruleFiles().values());
    }

    @Test
    void everyRule_hasAnEnabledTestProvingItFires() {
        Set<String> missing = new TreeSet<>();
        ruleFiles().forEach((code, file) -> {
            Class<?> testClass = TEST_CLASS_BY_FILE.get(file);
            if (testClass == null || !declared(testClass, Fires.class, Fires::value).contains(code)) {
                missing.add(code + " (" + file + ")");
            }
        });
        assertThat(missing).as("rules without an enabled @Fires test in their file's test class").isEmpty();
    }

    @Test
    void everyRule_hasAnEnabledNearMissTest() {
        Set<String> missing = new TreeSet<>();
        ruleFiles().forEach((code, file) -> {
            Class<?> testClass = TEST_CLASS_BY_FILE.get(file);
            if (testClass == null || !declared(testClass, DoesNotFire.class, DoesNotFire::value).contains(code)) {
                missing.add(code + " (" + file + ")");
            }
        });
        assertThat(missing).as("rules without an enabled @DoesNotFire test in their file's test class").isEmpty();
    }

    @Test
    void everyCodeTheTestsName_isARuleOfTheRuleSet() {
        Set<String> named = new TreeSet<>();
        for (Class<?> testClass : TEST_CLASS_BY_FILE.values()) {
            named.addAll(declared(testClass, Fires.class, Fires::value));
            named.addAll(declared(testClass, DoesNotFire.class, DoesNotFire::value));
        }
        assertThat(ruleFiles().keySet()).as("rule codes of the rule set").containsAll(named);
    }
}
