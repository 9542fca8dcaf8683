package dev.ws.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CookiesTest {

    @Test
    void findsACookieByExactName() {
        String header = "a=b; session=\"abc 1\";  Session=other ; empty=; x=y=z";
        assertThat(Cookies.value(header, "a")).isEqualTo("b");
        assertThat(Cookies.value(header, "session")).isEqualTo("abc 1");
        assertThat(Cookies.value(header, "Session")).isEqualTo("other");
        assertThat(Cookies.value(header, "empty")).isEmpty();
        assertThat(Cookies.value(header, "x")).isEqualTo("y=z");
        assertThat(Cookies.value(header, "missing")).isNull();
        assertThat(Cookies.value(header, "")).isNull();
    }

    @Test
    void firstOfDuplicatesWinsAndPairsWithoutEqualsAreSkipped() {
        assertThat(Cookies.value("flag; a=1; a=2", "a")).isEqualTo("1");
        assertThat(Cookies.value("flag; a=1", "flag")).isNull();
        assertThat(Cookies.find("a=\"\"", "a")).hasToString("");
        assertThat(Cookies.find("a=\"", "a")).hasToString("\"");
    }

    @Test
    void forEachHandsOverEveryWellFormedPairInOrder() {
        List<String> pairs = new ArrayList<>();
        Cookies.forEach(" a=1;b = 2 ;;c; =d; e=\"3\"", (name, value) -> pairs.add(name + "=" + value));
        assertThat(pairs).containsExactly("a=1", "b=2", "e=3");
    }
}
