package io.clickstream.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigKeysTest {
    /** Every key constant of a holder class; ALL is the list the configuration accepts. */
    static List<ConfigKey<?>> declaredKeys(Class<?> holder) throws IllegalAccessException {
        List<ConfigKey<?>> keys = new ArrayList<>();
        for (Field f : holder.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == ConfigKey.class) {
                keys.add((ConfigKey<?>) f.get(null));
            }
        }
        return keys;
    }

    @Test
    void every_key_constant_is_in_ALL_and_ALL_names_each_key_once() throws IllegalAccessException {
        List<ConfigKey<?>> declared = declaredKeys(ConfigKeys.class);
        assertThat(declared).hasSizeGreaterThan(40);
        assertThat(ConfigKeys.ALL).as("ConfigKeys.ALL").containsExactlyInAnyOrderElementsOf(declared);
        assertThat(ConfigKeys.ALL.stream().map(ConfigKey::name)).doesNotHaveDuplicates();
    }

    /** The rule above has teeth: a holder with a constant left out of its list fails it. */
    static final class Incomplete {
        static final ConfigKey<String> LISTED = new ConfigKey<>("a.listed", "x", "listed", s -> s);
        static final ConfigKey<String> FORGOTTEN = new ConfigKey<>("a.forgotten", "x", "forgotten", s -> s);
        static final List<ConfigKey<?>> ALL = List.of(LISTED);
    }

    @Test
    void a_key_constant_missing_from_its_list_is_found() throws IllegalAccessException {
        assertThat(declaredKeys(Incomplete.class)).isNotEqualTo(Incomplete.ALL).contains(Incomplete.FORGOTTEN);
    }
}
