package org.opence.common.store;

import java.util.List;

/**
 * Implemented by one bean per service: the collections it owns. No other service reads or writes
 * them; data crosses services through REST or the bus. {@link Store} refuses any other name.
 */
public interface OwnedCollections {
    List<CollectionSpec> collections();
}
