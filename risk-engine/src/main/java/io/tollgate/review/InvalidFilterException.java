package io.tollgate.review;

/** A filter of the case queue has a value Tollgate cannot use; the message names the field and the value. */
public final class InvalidFilterException extends ReviewException {
    private final String field;

    /**
     * @param field the filter's name, e.g. {@code from}
     * @param problem what is wrong, with the value (numbers masked)
     */
    public InvalidFilterException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /** @return the filter's name, e.g. {@code from} */
    public String field() {
        return field;
    }
}
