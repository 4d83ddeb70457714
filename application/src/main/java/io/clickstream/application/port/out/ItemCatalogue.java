package io.clickstream.application.port.out;

import io.clickstream.domain.Catalogue;

/** The shop's catalogue as serving knows it now: categories, availability and hidden items, per item. */
public interface ItemCatalogue {
    /** Knows no item: every item is recommendable and in no category. */
    ItemCatalogue NONE = () -> Catalogue.EMPTY;

    /** The newest snapshot; cheap enough to ask once per request. */
    Catalogue current();
}
