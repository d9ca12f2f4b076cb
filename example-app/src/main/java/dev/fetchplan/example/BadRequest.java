package dev.fetchplan.example;

/** A request the service refuses with 400; the message names the parameter and what is allowed. */
final class BadRequest extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
        super(message);
    }
}
