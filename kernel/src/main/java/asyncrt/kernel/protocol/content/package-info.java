/**
 * The contents of the Jupyter messages the kernel reads and writes, one record per message type, so that the
 * protocol reads from the types: a request's fields are a record's components, and a reply is a record that
 * knows its message type. The wire spells the components in snake_case ({@code cursorPos} is
 * {@code cursor_pos}); {@link asyncrt.kernel.protocol.content.Contents} converts both ways. What each field
 * means is the Jupyter messaging specification's, version 5.4.
 */
package asyncrt.kernel.protocol.content;
