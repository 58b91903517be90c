package io.tollgate.review;

/** Cases could not be exported: the acting user is unknown. */
public final class UnableToExportException extends ReviewException {
    UnableToExportException(String message) {
        super(message);
    }
}
