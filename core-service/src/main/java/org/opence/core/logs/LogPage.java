package org.opence.core.logs;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One page of a search, newest first.
 *
 * @param more whether older entries may match: ask again with {@code before=nextBefore}. A page can
 *     hold fewer than {@code limit} entries while {@code more} is true when the search stopped at its
 *     time budget (sparse matches in a large log)
 * @param nextBefore the cursor of the next page, null when {@code more} is false
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LogPage(List<LogView> entries, boolean more, String nextBefore) {}
