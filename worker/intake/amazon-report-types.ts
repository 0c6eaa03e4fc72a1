/** Merchant-fulfilled returns, by the date the buyer asked. */
export const MFN_RETURNS_REPORT = 'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE';
/** Returns that reached an Amazon fulfilment centre (FBA orders). */
export const FBA_RETURNS_REPORT = 'GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA';
