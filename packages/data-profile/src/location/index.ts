export { EARTH_RADIUS_KM, haversineKm } from "./geo.js";
export { Grid, type GeoBox } from "./grid.js";
export { LocationIndex, type LocationEntry } from "./location-index.js";
export { ProfileIterator, type ProfileIteratorOptions, type ProfilePageItem } from "./profile-iterator.js";
