package org.opence.mapping.query;

/**
 * A text that lets a regular expression read at most a budget of characters, then stops the match:
 * Java's backtracking engine can take exponential time on patterns like {@code (a+)+$}, and a rule
 * must not stall the pipeline. Reading stops with {@link BudgetExceeded}, which the caller counts.
 */
final class BoundedText implements CharSequence {

    /** Thrown (without a stack trace) when the budget is spent. */
    static final class BudgetExceeded extends RuntimeException {
        BudgetExceeded() {
            super("regular expression step budget exceeded", null, false, false);
        }
    }

    private final String text;
    private final int offset;
    private final int length;
    private final long[] budget;

    BoundedText(String text, long budget) {
        this(text, 0, text.length(), new long[] {budget});
    }

    private BoundedText(String text, int offset, int length, long[] budget) {
        this.text = text;
        this.offset = offset;
        this.length = length;
        this.budget = budget;
    }

    @Override
    public char charAt(int index) {
        if (--budget[0] < 0) {
            throw new BudgetExceeded();
        }
        return text.charAt(offset + index);
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BoundedText(text, offset + start, end - start, budget);
    }

    @Override
    public String toString() {
        return text.substring(offset, offset + length);
    }
}
