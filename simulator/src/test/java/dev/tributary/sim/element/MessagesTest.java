package dev.tributary.sim.element;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The amount column: allocated on first use, copied with the message, kept when a ring grows. */
class MessagesTest {

    @Test
    void anAmountTravelsWithItsMessageThroughCopiesAndAGrowingRing() {
        Messages plain = new Messages(4);
        plain.set(0, 1, 1, 3, 0, 7);
        plain.setAmount(0, 0); // zero allocates nothing and reads back as 0
        assertThat(plain.amount(0)).isZero();

        Messages src = new Messages(1);
        MessageRing ring = new MessageRing(2);
        for (int i = 0; i < 5; i++) {
            src.set(0, i, i, i, 0, i);
            src.setAmount(0, 100.5 * i);
            ring.add(src, 0, i);
        }
        assertThat(ring.size()).isEqualTo(5);
        for (int i = 0; i < 5; i++) {
            int slot = ring.headSlot();
            assertThat(ring.store().amount(slot)).isEqualTo(100.5 * i);
            assertThat(ring.store().id(slot)).isEqualTo(i);
            ring.removeHead();
        }
        // a message set afresh, or copied from a store without amounts, has none
        Messages dst = new Messages(1);
        dst.copy(0, src, 0);
        assertThat(dst.amount(0)).isEqualTo(402.0);
        dst.copy(0, plain, 0);
        assertThat(dst.amount(0)).isZero();
        dst.copy(0, src, 0);
        dst.set(0, 0, 0, 0, 0, 9);
        assertThat(dst.amount(0)).isZero();
    }
}
