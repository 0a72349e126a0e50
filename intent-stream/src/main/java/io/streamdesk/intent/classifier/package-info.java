/**
 * Intent classification on message embeddings, per language.
 *
 * <p>The topology embeds a message once (its language's encoder) and calls {@link
 * io.streamdesk.intent.classifier.IntentClassifier#classify(String, float[])} on the live {@link
 * io.streamdesk.intent.classifier.IntentModelStore}, which answers an {@link
 * io.streamdesk.intent.classifier.IntentPrediction} (intent or {@code oos}, calibrated confidence,
 * top-3 in-scope candidates, model version) and hot-swaps models when a new version directory
 * appears.
 *
 * <p>Model: standardised embedding, multinomial logistic regression with an L2 penalty (L-BFGS),
 * the penalty chosen by stratified k-fold cross-validation, temperature scaling and the
 * out-of-scope threshold fitted on the out-of-fold predictions. Training data with {@code oos}
 * examples gives the model an out-of-scope class; a message is rejected when that class beats every
 * in-scope intent or the best in-scope probability is below the threshold.
 */
package io.streamdesk.intent.classifier;
