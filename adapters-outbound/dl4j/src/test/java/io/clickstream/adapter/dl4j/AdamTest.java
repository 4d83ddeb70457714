package io.clickstream.adapter.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AdamTest {
    @Test
    void minimises_a_quadratic_and_leaves_rows_it_is_not_given_untouched() {
        float[] params = {5f, -3f, 7f};
        Adam adam = new Adam(0.1);
        Adam.Moments moments = new Adam.Moments(params.length);
        for (int step = 0; step < 500; step++) {
            adam.nextStep();
            // Gradient of (x - 1)^2 for the first two parameters only; the third is never part of a batch.
            float[] gradient = {2 * (params[0] - 1), 2 * (params[1] - 1)};
            adam.update(params, moments, gradient, 0, 2);
        }
        assertThat(params[0]).isCloseTo(1f, within(0.05f));
        assertThat(params[1]).isCloseTo(1f, within(0.05f));
        assertThat(params[2]).isEqualTo(7f);
        assertThat(moments.first[2]).isZero();
    }

    @Test
    void the_first_step_moves_each_parameter_by_the_learning_rate_against_its_gradient_sign() {
        float[] params = {0f, 0f};
        Adam adam = new Adam(0.01);
        adam.nextStep();
        adam.update(params, new Adam.Moments(2), new float[] {3f, -0.001f}, 0, 2);
        assertThat(params[0]).isCloseTo(-0.01f, within(1e-5f));
        assertThat(params[1]).isCloseTo(0.01f, within(1e-4f));
    }
}
