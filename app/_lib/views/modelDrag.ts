/** The drag-and-drop type of a model dragged from the library onto a card. */
export const MODEL_DRAG_TYPE = "application/x-modelmap-model";
