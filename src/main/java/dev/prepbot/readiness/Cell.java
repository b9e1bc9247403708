package dev.prepbot.readiness;

/** What one member (or the members folded into "others") answered in one topic. */
public record Cell(int correct, int answered) {

    public static final Cell EMPTY = new Cell(0, 0);

    public Cell {
        if (correct < 0 || correct > answered) {
            throw new IllegalArgumentException("need 0 <= correct <= answered, got " + correct + " of " + answered);
        }
    }

    public boolean isEmpty() {
        return answered == 0;
    }

    /** Right answers as a share of all answers, 0 to 1; 0 when nothing was answered, so check isEmpty where that differs. */
    public double accuracy() {
        return answered == 0 ? 0 : (double) correct / answered;
    }

    /** Overflow throws rather than wraps: a wrapped total would draw a confidently wrong colour. */
    public Cell plus(Cell other) {
        return new Cell(Math.addExact(correct, other.correct), Math.addExact(answered, other.answered));
    }
}
