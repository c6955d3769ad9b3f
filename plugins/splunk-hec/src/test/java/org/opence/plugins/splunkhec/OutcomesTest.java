package org.opence.plugins.splunkhec;

import org.junit.jupiter.api.Test;
import org.opence.plugin.api.PushResult;
import org.opence.plugin.api.PushResult.FailedItem;

import static org.assertj.core.api.Assertions.assertThat;

/** How the fate of each item becomes the push result. */
class OutcomesTest {

    @Test
    void shouldReportEverythingAcceptedAsSuch() {
        Outcomes outcomes = new Outcomes(5);
        outcomes.accept(0, 5);

        assertThat(outcomes.result()).isEqualTo(PushResult.allAccepted(5));
    }

    @Test
    void shouldAskToRetryTheWholePushWhenNothingWasTaken() {
        Outcomes outcomes = new Outcomes(5);
        outcomes.retry(0, 2, "the collector is busy");

        assertThat(outcomes.result()).isEqualTo(PushResult.retryLater("the collector is busy"));
    }

    @Test
    void shouldParkRefusedItemsWhenTheRestWasAccepted() {
        Outcomes outcomes = new Outcomes(4);
        outcomes.accept(0, 2);
        outcomes.refuse(2, "blank event");
        outcomes.accept(3, 4);

        PushResult result = outcomes.result();

        assertThat(result.retryable()).isFalse();
        assertThat(result.accepted()).isEqualTo(3);
        assertThat(result.failed()).containsExactly(new FailedItem(2, null, "blank event"));
    }

    @Test
    void shouldListTheItemsToSendAgainFirstWithTheReasonThePushStopped() {
        // Given a refused event, then a stop with requests left unsent
        Outcomes outcomes = new Outcomes(6);
        outcomes.accept(0, 1);
        outcomes.refuse(1, "blank event");
        outcomes.accept(2, 3);
        outcomes.retry(3, 4, "the collector is busy");

        // When
        PushResult result = outcomes.result();

        // Then
        assertThat(result.retryable()).isTrue();
        assertThat(result.accepted()).isEqualTo(2);
        assertThat(result.failed())
                .containsExactly(
                        new FailedItem(3, null, "the collector is busy"),
                        new FailedItem(4, null, "the collector is busy"),
                        new FailedItem(5, null, "the collector is busy"),
                        new FailedItem(1, null, "blank event"));
    }
}
