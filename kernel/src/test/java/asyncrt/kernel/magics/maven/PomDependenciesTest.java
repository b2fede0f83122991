package asyncrt.kernel.magics.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What %%loadFromPOM takes from a POM or a fragment of one. */
class PomDependenciesTest {

    @Test
    void fullPomWithPropertiesScopesAndRepositories() throws Exception {
        PomDependencies pom = PomDependencies.parse("""
                <project>
                  <properties><v>1.2</v></properties>
                  <repositories><repository><id>extra</id><url>https://repo.example.org/m2</url></repository></repositories>
                  <dependencyManagement><dependencies><dependency>
                    <groupId>m</groupId><artifactId>managed</artifactId><version>9</version>
                  </dependency></dependencies></dependencyManagement>
                  <dependencies>
                    <dependency><groupId>g</groupId><artifactId>a</artifactId><version>${v}</version></dependency>
                    <dependency><groupId>g</groupId><artifactId>b</artifactId><version>1</version><classifier>linux</classifier></dependency>
                    <dependency><groupId>t</groupId><artifactId>test-only</artifactId><version>1</version><scope>test</scope></dependency>
                  </dependencies>
                </project>
                """);
        assertEquals(List.of("g:a:1.2", "g:b:jar:linux:1"), pom.coordinates());
        assertEquals(Map.of("extra", "https://repo.example.org/m2"), pom.repositories());
    }

    @Test
    void fragments() throws Exception {
        assertEquals(List.of("g:a:1"), PomDependencies.parse(
                "<dependency><groupId>g</groupId><artifactId>a</artifactId><version>1</version></dependency>").coordinates());
        assertEquals(List.of("g:a:1", "g:b:2"), PomDependencies.parse("""
                <dependencies>
                  <dependency><groupId>g</groupId><artifactId>a</artifactId><version>1</version></dependency>
                  <dependency><groupId>g</groupId><artifactId>b</artifactId><version>2</version></dependency>
                </dependencies>""").coordinates());
    }

    @Test
    void incompleteDependencyIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> PomDependencies.parse(
                "<dependency><groupId>g</groupId><artifactId>a</artifactId></dependency>"));
        assertThrows(Exception.class, () -> PomDependencies.parse("<dependency>"));
    }
}
